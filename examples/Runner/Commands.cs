using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PyAsync.Examples;

/// <summary>The options of every command.</summary>
public class RunnerSettings : CommandSettings
{
    [CommandOption("--width <N>")]
    [Description("Render for a console N columns wide (default: the terminal's; when the output is redirected, COLUMNS or 160).")]
    public int? Width { get; init; }

    public override ValidationResult Validate() =>
        Width is < 20 or > 1000 ? ValidationResult.Error($"--width must be between 20 and 1000, not {Width}.") : ValidationResult.Success();
}

/// <summary>The options of the commands that run examples.</summary>
public class RunSettings : RunnerSettings
{
    [CommandOption("--real-time")]
    [Description("Sleep for real instead of on the virtual clock (the time of day is then masked when comparing).")]
    public bool RealTime { get; init; }
}

public sealed class DocSettings : RunSettings
{
    [CommandArgument(0, "<NNN>")]
    [Description("The group: a seed document (000 to 004) or the project's own programs (100, 101).")]
    public string Group { get; init; } = "";

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful) return result;
        return Catalog.Groups.Any(g => g.Id == Group) ? ValidationResult.Success()
            : ValidationResult.Error($"No group '{Group}'; the groups are {string.Join(", ", Catalog.Groups.Select(g => g.Id))}.");
    }
}

public sealed class RunExamplesSettings : RunSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The examples' names, as the list shows them.")]
    public string[] Names { get; init; } = [];

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful) return result;
        var unknown = Names.Where(n => !Catalog.All.Any(e => e.Name == n)).ToList();
        return unknown.Count == 0 ? ValidationResult.Success()
            : ValidationResult.Error($"No example named {string.Join(", ", unknown.Select(n => $"'{n}'"))}; '{ExampleRunner.ApplicationName} list' lists them.");
    }
}

public sealed class PortSettings : RunSettings
{
    [CommandArgument(0, "<PROGRAM.py>")]
    [Description("The Python program.")]
    public string Python { get; init; } = "";

    [CommandArgument(1, "<PROGRAM.cs>")]
    [Description("Its C# port: a top-level program (using static PyAsync.Asyncio; ... Run(Main());).")]
    public string CSharp { get; init; } = "";

    [CommandOption("--python <PATH>")]
    [Description("The CPython to run the Python program with (default: python3).")]
    public string Interpreter { get; init; } = "python3";

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful) return result;
        if (!File.Exists(Python)) return ValidationResult.Error($"No file '{Python}'.");
        if (!File.Exists(CSharp)) return ValidationResult.Error($"No file '{CSharp}'.");
        return ValidationResult.Success();
    }
}

/// <summary>What every command shares: the runner (the command's data) and the width option.</summary>
public abstract class RunnerCommand<TSettings> : Command<TSettings> where TSettings : RunnerSettings
{
    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var runner = context.Data as ExampleRunner ?? throw new InvalidOperationException("A runner command is registered with its ExampleRunner as data.");
        if (settings.Width is int width) runner.SetWidth(width);
        return Execute(runner, settings);
    }

    protected abstract int Execute(ExampleRunner runner, TSettings settings);
}

public sealed class ListCommand : RunnerCommand<RunnerSettings>
{
    protected override int Execute(ExampleRunner runner, RunnerSettings settings) => runner.List();
}

public sealed class AllCommand : RunnerCommand<RunSettings>
{
    protected override int Execute(ExampleRunner runner, RunSettings settings) => runner.RunAll(Catalog.All, settings.RealTime);
}

public sealed class DocCommand : RunnerCommand<DocSettings>
{
    protected override int Execute(ExampleRunner runner, DocSettings settings) =>
        runner.RunAll([.. Catalog.All.Where(e => e.Group.Id == settings.Group)], settings.RealTime);
}

public sealed class RunCommand : RunnerCommand<RunExamplesSettings>
{
    protected override int Execute(ExampleRunner runner, RunExamplesSettings settings) =>
        runner.RunAll([.. settings.Names.Select(n => Catalog.All.First(e => e.Name == n))], settings.RealTime);
}

public sealed class PortCommand : RunnerCommand<PortSettings>
{
    protected override int Execute(ExampleRunner runner, PortSettings settings) =>
        runner.Port(settings.Python, settings.CSharp, settings.Interpreter, settings.RealTime);
}
