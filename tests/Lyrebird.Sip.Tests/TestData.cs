namespace Lyrebird.Sip.Tests;

/// <summary>Test vectors copied into this project (TestData/, copied to the output directory).</summary>
internal static class TestData
{
    private static string Rfc4475Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475");

    public static byte[] Rfc4475(string name) => File.ReadAllBytes(Path.Combine(Rfc4475Folder, name + ".dat"));

    public static byte[] Rfc5118(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc5118", name + ".dat"));

    public static IEnumerable<string> Rfc4475Names() =>
        Directory.EnumerateFiles(Rfc4475Folder, "*.dat").Select(f => Path.GetFileNameWithoutExtension(f)!);
}
