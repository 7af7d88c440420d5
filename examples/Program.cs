using PyAsync.Examples;

// The examples runner: every example's C# port (the seed snippets and the project's own programs),
// shown next to its Python original, run, and checked against CPython's output. See ExampleRunner
// for the commands; `dotnet run --project examples -- --help` lists them.
Console.OutputEncoding = System.Text.Encoding.UTF8;
bool redirected = Console.IsOutputRedirected;
// Redirected, the output is rendered 160 columns wide unless COLUMNS (or --width) says otherwise; on
// a terminal, as wide as the terminal (or --width).
int? width = redirected ? ExampleRunner.ColumnsVariable(Environment.GetEnvironmentVariable("COLUMNS")) : null;
var console = ExampleRunner.CreateConsole(Console.Out, redirected, width, noColor: Environment.GetEnvironmentVariable("NO_COLOR") is not null);
return new ExampleRunner(console).Run(args);
