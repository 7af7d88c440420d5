using PyAsync.Examples;

// The examples runner: every example's C# port (the seed snippets and the project's own programs),
// shown next to its Python original, run, and checked against CPython's output. See ExampleRunner
// for the commands.
Console.OutputEncoding = System.Text.Encoding.UTF8;
var console = ExampleRunner.CreateConsole(Console.Out, Console.IsOutputRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is not null);
return new ExampleRunner(console).Run(args);
