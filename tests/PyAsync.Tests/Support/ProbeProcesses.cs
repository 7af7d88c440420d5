using System.Diagnostics;

namespace PyAsync.Tests.Support;

/// <summary>
/// tests/SigintProbe (a ported program built with the solution) and its Python originals, started as
/// real processes with their output redirected.
/// </summary>
public static class ProbeProcesses
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The probe's folder, with its Python originals.</summary>
    public static string Folder => Path.Combine(Repository.Root, "tests", "SigintProbe");

    /// <summary>The built probe, in the tests' own configuration.</summary>
    public static string Dll => Path.Combine(Folder, "bin", Configuration, "net10.0", "SigintProbe.dll");

    /// <summary>How to start <paramref name="program"/> with <paramref name="arguments"/>: output redirected, no .pyc files written.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        return psi;
    }
}
