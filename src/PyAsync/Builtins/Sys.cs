namespace PyAsync;

/// <summary>Mirrors the parts of Python's <c>sys</c> module that ports use: the standard streams.</summary>
public static class Sys
{
    /// <summary>Python's <c>sys.stdout</c>: the current <see cref="ProgramContext"/>'s output, else the console.</summary>
    public static TextWriter Stdout => ProgramContext.Current?.Stdout ?? Console.Out;

    /// <summary>Python's <c>sys.stderr</c>: the current <see cref="ProgramContext"/>'s error stream, else the console.</summary>
    public static TextWriter Stderr => ProgramContext.Current?.Stderr ?? Console.Error;
}
