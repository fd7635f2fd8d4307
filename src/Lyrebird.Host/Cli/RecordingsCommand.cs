using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Lyrebird.Core.Recording;
using Lyrebird.Host.Configuration;
using Lyrebird.Storage.Sqlite;

namespace Lyrebird.Host.Cli;

/// <summary><c>lyrebird recordings list|export</c>: reads the catalogue in the data folder; works while <c>serve</c>
/// runs. Files are found through the catalogue row, never through a path given on the command line.</summary>
internal static class RecordingsCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static Command Create(CliContext context)
    {
        var command = new Command("recordings", "List and export recordings.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Export(context));
        return command;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = "Data directory of the PBX (the same as 'serve --data').",
        HelpName = "DIR",
        DefaultValueFactory = _ => LyrebirdOptions.DefaultData,
    };

    private static Command List(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (every catalogue field) instead of a table." };
        var user = new Option<string>("--user") { Description = "Only recordings this extension took part in or owns.", HelpName = "EXT" };
        var since = new Option<string>("--since") { Description = "Only recordings started at or after this time (ISO 8601, e.g. 2026-11-26 or 2026-11-26T08:00Z).", HelpName = "TIME" };
        var data = DataOption();
        var command = new Command("list", "List recordings, newest first.") { json, user, since, data };
        command.SetAction(parseResult =>
        {
            DateTimeOffset? from = null;
            if (parseResult.GetValue(since) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    LyrebirdCli.ReportProblem(context.Error, "--since", $"expected a date or time such as 2026-11-26T08:00Z, got '{text}'");
                    return ExitCodes.Usage;
                }

                from = parsed;
            }

            return WithCatalog(context, parseResult.GetValue(data)!, catalog =>
            {
                var entries = catalog.List(parseResult.GetValue(user), from);
                if (parseResult.GetValue(json))
                {
                    context.Out.WriteLine(JsonSerializer.Serialize(entries.Select(Row), Json));
                    return ExitCodes.Success;
                }

                context.Out.WriteLine($"{"ID",-24} {"STARTED (UTC)",-19} {"LENGTH",8} {"MODE",-9} {"CALLER",-8} {"CALLEE",-8} {"CODEC",-5} STATUS");
                foreach (var e in entries)
                {
                    var status = e.State.ToName() + (e.FailureReason is null || e.State == RecordingState.Completed ? "" : $" ({e.FailureReason})");
                    context.Out.WriteLine($"{e.Id,-24} {e.StartedAt.UtcDateTime,-19:yyyy-MM-dd HH:mm:ss} {e.Duration,8:h\\:mm\\:ss} {e.Mode.ToName(),-9} " +
                                          $"{e.Caller.Extension ?? e.Caller.Uri,-8} {e.Callee?.Extension ?? e.Callee?.Uri ?? "-",-8} {e.Codec,-5} {status}");
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The recording's id (from 'recordings list')." };
        var file = new Argument<string>("FILE") { Description = "Where to write the WAV file." };
        var data = DataOption();
        var command = new Command("export", "Copy a recording's WAV file out of the data folder.") { id, file, data };
        command.SetAction(parseResult =>
        {
            var dataDirectory = parseResult.GetValue(data)!;
            return WithCatalog(context, dataDirectory, catalog =>
            {
                var entry = catalog.Find(parseResult.GetValue(id)!);
                if (entry is null)
                {
                    LyrebirdCli.ReportProblem(context.Error, "recordings export", $"no recording with id '{parseResult.GetValue(id)}'");
                    return ExitCodes.Usage;
                }

                var source = Path.Combine(Path.GetFullPath(dataDirectory), entry.FileName);
                var target = parseResult.GetValue(file)!;
                try
                {
                    File.Copy(source, target, overwrite: false);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    LyrebirdCli.ReportProblem(context.Error, "recordings export", exception.Message);
                    return ExitCodes.Failure;
                }

                context.Out.WriteLine($"exported {entry.Id} ({entry.Duration:h\\:mm\\:ss\\.fff}, {entry.Channels} channel(s), {entry.SampleRate} Hz) to {target}");
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static object Row(RecordingEntry e) => new
    {
        e.Id,
        e.CallId,
        e.Segment,
        Mode = e.Mode.ToName(),
        e.Owner,
        e.Caller,
        e.Callee,
        e.Direction,
        e.StartedAt,
        e.EndedAt,
        DurationSeconds = Math.Round(e.Duration.TotalSeconds, 3),
        e.Codec,
        e.SampleRate,
        e.Channels,
        e.FileName,
        e.Size,
        e.Sha256,
        Status = e.State.ToName(),
        e.FailureReason,
        e.DroppedPackets,
        e.LinkNote,
    };

    private static int WithCatalog(CliContext context, string dataDirectory, Func<SqliteRecordingCatalog, int> action)
    {
        SqliteRecordingCatalog catalog;
        try
        {
            catalog = new SqliteRecordingCatalog(new SqliteDatabase(Path.GetFullPath(dataDirectory)));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            LyrebirdCli.ReportProblem(context.Error, "--data", $"cannot open the database in '{dataDirectory}': {exception.Message}");
            return ExitCodes.Failure;
        }

        return action(catalog);
    }
}
