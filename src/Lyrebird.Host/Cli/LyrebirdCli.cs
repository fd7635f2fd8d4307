using System.CommandLine;
using System.CommandLine.Parsing;

namespace Lyrebird.Host.Cli;

/// <summary>The <c>lyrebird</c> command line. Parse errors are reported as one line on stderr
/// (<c>lyrebird: PROBLEM</c>) plus a usage hint, with exit code 2.</summary>
internal static class LyrebirdCli
{
    public const string Name = "lyrebird";

    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("Lyrebird: a SIP PBX that records calls.")
        {
            ServeCommand.Create(context),
            UserCommand.Create(context),
            RecordingsCommand.Create(context),
        };
        return root;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var root = CreateRootCommand(context);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            return ReportUsageError(context.Error, FirstError(parseResult), parseResult.CommandResult);
        }

        if (parseResult.Action is null)
        {
            // `lyrebird` alone: nothing to do.
            return ReportUsageError(context.Error, "no command given", parseResult.CommandResult);
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            // SIGINT/SIGTERM are handled by the generic host (clean shutdown, exit code 0), not by System.CommandLine.
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }

    /// <summary>The error to show: an unrecognized token explains more than the "Required command was not provided"
    /// that System.CommandLine reports along with it.</summary>
    private static string FirstError(ParseResult parseResult)
    {
        foreach (var token in parseResult.UnmatchedTokens)
        {
            foreach (var error in parseResult.Errors)
            {
                if (error.Message.Contains($"'{token}'", StringComparison.Ordinal))
                {
                    return error.Message;
                }
            }
        }

        return parseResult.Errors[0].Message;
    }

    /// <summary>Writes <c>lyrebird: MESSAGE</c> on one line and a hint naming the right <c>--help</c> on the next.</summary>
    public static int ReportUsageError(TextWriter error, string message, CommandResult? command)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine($"{Name}: {OneLine(message)}");
        error.WriteLine($"Try '{CommandPath(command)} --help'.");
        return ExitCodes.Usage;
    }

    /// <summary>Writes <c>lyrebird: SOURCE: MESSAGE</c>.</summary>
    public static void ReportProblem(TextWriter error, string source, string message) =>
        error.WriteLine($"{Name}: {source}: {OneLine(message)}");

    public static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();

    private static string CommandPath(CommandResult? command)
    {
        var names = new Stack<string>();
        for (SymbolResult? current = command; current is not null; current = current.Parent)
        {
            if (current is CommandResult { Command: not RootCommand } result)
            {
                names.Push(result.Command.Name);
            }
        }

        names.Push(Name);
        return string.Join(' ', names);
    }
}
