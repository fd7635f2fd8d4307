namespace Lyrebird.Core.Tests;

/// <summary>
/// What Lyrebird answers to each RFC 4475 torture message as a whole (parser, stateless rejection, transaction
/// layer, RFC 3261 §8.2 checks, registrar), one explicit outcome per vector. The parser-level classification is in
/// Lyrebird.Sip.Tests; this is what a sender sees. INVITEs outside a dialog are checked (§8.2) and then challenged (407): none of the vectors carries credentials.
/// </summary>
public sealed class Rfc4475EndToEndTests : IDisposable
{
    private const int Dropped = 0;

    private static readonly Dictionary<string, (int Status, string? Reason)> Expected = new()
    {
        // Valid messages (RFC 4475 §3.1.1)
        ["wsinv"] = (481, null),        // well-formed INVITE, but its To carries a tag: no such dialog (§12.2.2)
        ["intmeth"] = (501, null),      // unknown method
        ["esc01"] = (407, null),        // an INVITE without credentials: challenged
        ["escnull"] = (401, null),      // REGISTER: challenged
        ["esc02"] = (501, null),        // RE%47IST%45R is not REGISTER
        ["lwsdisp"] = (200, null),      // OPTIONS
        ["longreq"] = (407, null),
        ["dblreq"] = (401, null),       // the REGISTER; the trailing INVITE is ignored
        ["semiuri"] = (200, null),
        ["transports"] = (200, null),
        ["mpart01"] = (405, null),      // MESSAGE is known but not allowed
        ["unreason"] = (Dropped, null), // responses are never answered
        ["noreason"] = (Dropped, null),

        // Invalid messages (RFC 4475 §3.1.2)
        ["badinv01"] = (400, "Bad Via Header"),
        ["clerr"] = (400, "Content-Length Exceeds Message"),
        ["scalar02"] = (400, "Bad CSeq Header"),
        ["scalarlg"] = (Dropped, null),
        ["quotbal"] = (400, "Bad To Header"),
        ["ltgtruri"] = (400, "Bad Request-URI"),
        ["lwsruri"] = (400, "Bad Request-URI"),
        ["lwsstart"] = (400, "Bad Request-Line"),
        ["trws"] = (400, "Bad Request-Line"),
        ["escruri"] = (400, "Bad Request-URI"),
        ["baddate"] = (407, null),       // Date is not used: a valid INVITE, challenged
        ["regbadct"] = (400, "Bad Contact Header"),
        ["badaspec"] = (400, "Bad To Header"),
        ["baddn"] = (400, "Bad From Header"),
        ["badvers"] = (505, "Version Not Supported"),
        ["mismatch01"] = (400, "CSeq Method Does Not Match Request Method"),
        ["mismatch02"] = (501, null),
        ["bigcode"] = (Dropped, null),
        ["badbranch"] = (400, "Bad Via Header"),

        // Transaction-layer and application-layer tests (RFC 4475 §3.3)
        ["insuf"] = (400, "Missing From Header"),
        ["unkscm"] = (416, null),
        ["novelsc"] = (416, null),
        ["unksm2"] = (400, "To Must Be A SIP URI With A User"),
        ["bext01"] = (420, null),
        ["invut"] = (415, null),         // §8.2.3 content check comes before authentication
        ["regaut01"] = (401, null),      // unknown scheme = no credentials
        ["multi01"] = (400, "Multiple CSeq Headers"),
        ["mcl01"] = (400, "Multiple Content-Length Headers"),
        ["bcast"] = (Dropped, null),
        ["zeromf"] = (200, null),        // answered locally, not forwarded
        ["cparam01"] = (401, null),
        ["cparam02"] = (401, null),
        ["regescrt"] = (401, null),
        ["sdp01"] = (406, null),         // Accept excludes application/sdp (§8.2.3), before authentication
        ["inv2543"] = (407, null),
        ["ncl"] = (400, "Bad Content-Length Header"),
    };

    private readonly InProcessPbx _pbx = new();

    public void Dispose() => _pbx.Dispose();

    public static TheoryData<string> Vectors => new(Expected.Keys);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_gets_the_answer_Lyrebird_promises(string name)
    {
        var datagram = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475", name + ".dat"));
        var (status, reason) = Expected[name];

        var responses = _pbx.Receive(datagram);

        if (status == Dropped)
        {
            Assert.Empty(responses);
            return;
        }

        var response = Assert.Single(responses);
        Assert.Equal(status, response.StatusCode);
        if (reason is not null)
        {
            Assert.Equal(reason, response.ReasonPhrase);
        }
    }

    [Fact]
    public void Every_vector_file_has_an_expected_outcome()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Rfc4475"), "*.dat")
            .Select(Path.GetFileNameWithoutExtension).Order();

        Assert.Equal(files, Expected.Keys.Order());
    }
}
