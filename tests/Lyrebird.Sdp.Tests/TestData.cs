namespace Lyrebird.Sdp.Tests;

/// <summary>Files under TestData/ (copied to the output directory).</summary>
internal static class TestData
{
    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static string Sdp(string name) => File.ReadAllText(Path.Combine(Folder("Sdp"), name + ".sdp"));

    public static IEnumerable<string> SdpNames() =>
        Directory.EnumerateFiles(Folder("Sdp"), "*.sdp").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    public static string Crlf(string text) => text.ReplaceLineEndings("\r\n");
}
