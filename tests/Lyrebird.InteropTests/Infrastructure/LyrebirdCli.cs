using System.Text.Json;

namespace Lyrebird.InteropTests.Infrastructure;

/// <summary>Runs the real <c>lyrebird</c> command line (e.g. <c>user add</c>) as a separate process.</summary>
public static class LyrebirdCli
{
    public static Task<Peer.Result> RunAsync(params string[] arguments) =>
        Peer.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "lyrebird.dll"), .. arguments], TimeSpan.FromSeconds(60));

    public static async Task AddUserAsync(string dataDirectory, string extension, string password)
    {
        var result = await RunAsync("user", "add", extension, "--password", password, "--data", dataDirectory);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>The registered contacts of <paramref name="extension"/> per <c>lyrebird user list --json</c>.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ContactsAsync(string dataDirectory, string extension)
    {
        var result = await RunAsync("user", "list", "--json", "--data", dataDirectory);
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Output[..(result.Output.LastIndexOf(']') + 1)];
        using var document = JsonDocument.Parse(json);
        var user = document.RootElement.EnumerateArray().Single(u => u.GetProperty("extension").GetString() == extension);
        return [.. user.GetProperty("contacts").EnumerateArray().Select(c => c.Clone())];
    }
}
