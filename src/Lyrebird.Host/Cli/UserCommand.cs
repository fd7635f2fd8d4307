using System.CommandLine;
using System.Text.Json;
using Lyrebird.Core;
using Lyrebird.Core.Registration;
using Lyrebird.Core.Users;
using Lyrebird.Host.Configuration;
using Lyrebird.Storage.Sqlite;

namespace Lyrebird.Host.Cli;

/// <summary><c>lyrebird user add|list|set|remove</c>: manages the user directory in the data folder's database. Works
/// while <c>serve</c> runs on the same folder (SQLite WAL); the server sees changes at the next request.</summary>
internal static class UserCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(CliContext context)
    {
        var command = new Command("user", "Manage users: extensions, SIP and web passwords, administrators, recording policy.");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Set(context));
        command.Subcommands.Add(Remove(context));
        return command;
    }

    private static Option<string> DataOption() => new("--data")
    {
        Description = "Data directory of the PBX (the same as 'serve --data').",
        HelpName = "DIR",
        DefaultValueFactory = _ => LyrebirdOptions.DefaultData,
    };

    private static Argument<string> ExtensionArgument() => new("EXT") { Description = "The extension, e.g. 201." };

    private static Option<string> RecordingOption() => new("--recording")
    {
        Description = "Recording policy: on-demand (the phone's Record key; default), never, always.",
        HelpName = "POLICY",
    };

    private static Command Add(CliContext context)
    {
        var extension = ExtensionArgument();
        var password = new Option<string>("--password") { Description = "SIP password (stored only as digest HA1 values).", HelpName = "PW", Required = true };
        var webPassword = new Option<string>("--web-password") { Description = "Password for the web page (stored as a salted PBKDF2 hash). Without it the user cannot sign in to the web page.", HelpName = "PW" };
        var name = new Option<string>("--name") { Description = "Display name.", HelpName = "NAME" };
        var admin = new Option<bool>("--admin") { Description = "Make the user an administrator (sees all recordings)." };
        var recording = RecordingOption();
        var data = DataOption();
        var command = new Command("add", "Add a user.") { extension, password, webPassword, name, admin, recording, data };
        command.SetAction(parseResult =>
        {
            if (!TryParsePolicy(context, parseResult.GetValue(recording) ?? "on-demand", out var policy))
            {
                return ExitCodes.Usage;
            }

            return WithDirectory(context, parseResult.GetValue(data)!, directory =>
            {
                var change = directory.Add(parseResult.GetValue(extension)!, parseResult.GetValue(password)!, parseResult.GetValue(webPassword),
                    parseResult.GetValue(name), parseResult.GetValue(admin), policy);
                return Report(context, change, $"added {parseResult.GetValue(extension)}");
            });
        });
        return command;
    }

    private static Command Set(CliContext context)
    {
        var extension = ExtensionArgument();
        var password = new Option<string>("--password") { Description = "New SIP password.", HelpName = "PW" };
        var webPassword = new Option<string>("--web-password") { Description = "New web password.", HelpName = "PW" };
        var name = new Option<string>("--name") { Description = "New display name (empty to clear).", HelpName = "NAME" };
        var admin = new Option<bool?>("--admin") { Description = "true or false.", HelpName = "true|false" };
        var recording = RecordingOption();
        var data = DataOption();
        var command = new Command("set", "Change a user; options not given stay as they are.") { extension, password, webPassword, name, admin, recording, data };
        command.SetAction(parseResult =>
        {
            RecordingPolicy? policy = null;
            if (parseResult.GetValue(recording) is { } policyName)
            {
                if (!TryParsePolicy(context, policyName, out var parsed))
                {
                    return ExitCodes.Usage;
                }

                policy = parsed;
            }

            return WithDirectory(context, parseResult.GetValue(data)!, directory =>
            {
                var change = directory.Update(parseResult.GetValue(extension)!, parseResult.GetValue(password), parseResult.GetValue(webPassword),
                    parseResult.GetValue(name), parseResult.GetValue(admin), policy);
                return Report(context, change, $"changed {parseResult.GetValue(extension)}");
            });
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var extension = ExtensionArgument();
        var data = DataOption();
        var command = new Command("remove", "Remove a user and their registrations.") { extension, data };
        command.SetAction(parseResult => WithDirectory(context, parseResult.GetValue(data)!, directory =>
            Report(context, directory.Remove(parseResult.GetValue(extension)!), $"removed {parseResult.GetValue(extension)}")));
        return command;
    }

    private static Command List(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (with each user's registered contacts) instead of a table." };
        var data = DataOption();
        var command = new Command("list", "List users and their registered contacts.") { json, data };
        command.SetAction(parseResult =>
        {
            var dataDirectory = parseResult.GetValue(data)!;
            return WithDirectory(context, dataDirectory, directory =>
            {
                var now = DateTimeOffset.UtcNow;
                var bindings = new SqliteRegistrationStore(new SqliteDatabase(Path.GetFullPath(dataDirectory))).LoadAll()
                    .Where(b => b.ExpiresAt > now)
                    .ToLookup(b => b.Aor, StringComparer.Ordinal);
                var users = directory.List();
                if (parseResult.GetValue(json))
                {
                    var rows = users.Select(u => new UserRow(u.Extension, u.DisplayName, u.IsAdmin, u.RecordingPolicy.ToName(),
                        u.WebPasswordHash is not null, [.. bindings[u.Extension].Select(b => ContactRow.From(b, now))]));
                    context.Out.WriteLine(JsonSerializer.Serialize(rows, Json));
                }
                else
                {
                    context.Out.WriteLine($"{"EXT",-8} {"NAME",-20} {"ADMIN",-5} {"RECORDING",-9} CONTACTS");
                    foreach (var u in users)
                    {
                        var contacts = bindings[u.Extension].ToList();
                        var where = contacts.Count == 0 ? "-" : string.Join(", ", contacts.Select(b => $"{b.Transport.ToLowerInvariant()} {b.RemoteAddress}:{b.RemotePort}"));
                        context.Out.WriteLine($"{u.Extension,-8} {u.DisplayName ?? "",-20} {(u.IsAdmin ? "yes" : "no"),-5} {u.RecordingPolicy.ToName(),-9} {where}");
                    }
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static bool TryParsePolicy(CliContext context, string name, out RecordingPolicy policy)
    {
        if (RecordingPolicyNames.TryParse(name, out policy))
        {
            return true;
        }

        LyrebirdCli.ReportProblem(context.Error, "--recording", $"expected on-demand, never or always, got '{name}'");
        return false;
    }

    private static int Report(CliContext context, UserChange change, string done)
    {
        if (!change.Success)
        {
            LyrebirdCli.ReportProblem(context.Error, "user", change.Error!);
            return ExitCodes.Usage;
        }

        context.Out.WriteLine(done);
        return ExitCodes.Success;
    }

    /// <summary>Opens the user directory of a data folder with the realm and recorder targets the server uses (<c>LYREBIRD_Pbx__Realm</c>,
    /// <c>LYREBIRD_Pbx__RecorderTargets</c> or the
    /// default), reporting an unusable folder as one line.</summary>
    private static int WithDirectory(CliContext context, string dataDirectory, Func<UserDirectory, int> action)
    {
        var realm = context.Environment.GetValueOrDefault("LYREBIRD_Pbx__Realm") ?? new PbxOptions().Realm;
        var recorders = PbxOptions.ParseRecorderTargets(context.Environment.GetValueOrDefault("LYREBIRD_Pbx__RecorderTargets") ?? new PbxOptions().RecorderTargets);
        UserDirectory directory;
        try
        {
            var database = new SqliteDatabase(Path.GetFullPath(dataDirectory));
            directory = new UserDirectory(new SqliteUserStore(database), realm, TimeProvider.System, recorders);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            LyrebirdCli.ReportProblem(context.Error, "--data", $"cannot open the database in '{dataDirectory}': {exception.Message}");
            return ExitCodes.Failure;
        }

        return action(directory);
    }

    private sealed record UserRow(string Extension, string? Name, bool Admin, string Recording, bool WebAccess, IReadOnlyList<ContactRow> Contacts);

    private sealed record ContactRow(string Uri, string Transport, string Source, DateTimeOffset ExpiresAt, long ExpiresInSeconds,
        string? UserAgent, string? Instance, int? RegId)
    {
        public static ContactRow From(Binding b, DateTimeOffset now) => new(b.ContactUri, b.Transport, $"{b.RemoteAddress}:{b.RemotePort}",
            b.ExpiresAt, (long)Math.Ceiling(b.RemainingAt(now).TotalSeconds), b.UserAgent, b.InstanceId, b.RegId);
    }
}
