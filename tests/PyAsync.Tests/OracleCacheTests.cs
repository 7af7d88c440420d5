using PyAsync.Tests.Support;

namespace PyAsync.Tests;

/// <summary>
/// The cache of staleness checks (<see cref="OracleCache"/>): a check is skipped only for exactly the
/// inputs it passed with, so any change of the program, a file it may import, the stored output or
/// the harness runs CPython again.
/// </summary>
public class OracleCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pyasync-oracle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [PythonFact]
    public void A_key_changes_with_every_input_of_the_check_and_only_with_them()
    {
        string program = Path.Combine(_dir, "main.py");
        File.WriteAllText(program, "print('hi')\n");
        string python = Python.ExecutableFor(null);
        string key = OracleCache.Key(python, program, "hi\n", "");

        OracleCache.Key(python, program, "hi\n", "").ShouldBe(key);
        OracleCache.Key(python, program, "hi!\n", "").ShouldNotBe(key);
        OracleCache.Key(python, program, "hi\n", "warning\n").ShouldNotBe(key);

        // Another program of the folder is not an input; a module the program imports is.
        File.WriteAllText(Path.Combine(_dir, "other.py"), "print('other')\n");
        OracleCache.Key(python, program, "hi\n", "").ShouldBe(key);
        File.WriteAllText(Path.Combine(_dir, "util.py"), "x = 1\n");
        File.WriteAllText(program, "from util import x\nprint('hi')\n");
        string withModule = OracleCache.Key(python, program, "hi\n", "");
        withModule.ShouldNotBe(key);
        File.WriteAllText(Path.Combine(_dir, "util.py"), "x = 2\n");
        OracleCache.Key(python, program, "hi\n", "").ShouldNotBe(withModule);
    }

    [PythonFact]
    public void Only_a_recorded_key_counts_as_verified()
    {
        string program = Path.Combine(_dir, "main.py");
        File.WriteAllText(program, $"print('{Guid.NewGuid()}')\n");
        string key = OracleCache.Key(Python.ExecutableFor(null), program, "x\n", "");
        OracleCache.Verified(key).ShouldBeFalse();
    }
}
