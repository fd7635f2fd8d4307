using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.UserAgent;
using Lyrebird.Sip.UserAgent.Validation;

namespace Lyrebird.Sip.UserAgent.Tests;

public sealed class RequestValidatorTests
{
    private static readonly UasCapabilities Pbx = new(["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO", "UPDATE", "REGISTER"]);

    private static SipRequest Request(string method, string extraHeaders = "", string body = "", string uri = "sip:201@pbx.example.com", string? cseqMethod = null)
    {
        var text = $"{method} {uri} SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKabc\r\nFrom: <sip:202@pbx.example.com>;tag=a1\r\n" +
                   $"To: <sip:201@pbx.example.com>\r\nCall-ID: v1\r\nCSeq: 1 {cseqMethod ?? method}\r\nMax-Forwards: 70\r\n{extraHeaders}" +
                   $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}";
        var result = SipMessageParser.Parse(Encoding.UTF8.GetBytes(text), SipLimits.Default);
        return Assert.IsType<SipRequest>(result.Message);
    }

    [Fact]
    public void Unknown_method_gets_501_with_Allow()
    {
        var response = RequestValidator.Validate(Request("FROBNICATE"), Pbx);

        Assert.NotNull(response);
        Assert.Equal(501, response.StatusCode);
        Assert.Equal(Pbx.AllowHeaderValue, response.Headers.GetFirstValue(HeaderId.Allow));
    }

    [Fact]
    public void Known_method_this_server_does_not_allow_gets_405_with_Allow()
    {
        var response = RequestValidator.Validate(Request("SUBSCRIBE", "Event: presence\r\n"), Pbx);

        Assert.NotNull(response);
        Assert.Equal(405, response.StatusCode);
        Assert.Contains("OPTIONS", response.Headers.GetFirstValue(HeaderId.Allow), StringComparison.Ordinal);
    }

    [Fact]
    public void Require_of_an_unsupported_option_gets_420_listing_it_in_Unsupported()
    {
        var response = RequestValidator.Validate(Request("OPTIONS", "Require: 100rel, foo\r\n"), Pbx);

        Assert.NotNull(response);
        Assert.Equal(420, response.StatusCode);
        Assert.Equal("100rel, foo", response.Headers.GetFirstValue(HeaderId.Unsupported));
    }

    [Fact]
    public void Proxy_Require_is_ignored_by_a_UAS()
    {
        Assert.Null(RequestValidator.Validate(Request("OPTIONS", "Proxy-Require: foo\r\n"), Pbx));
    }

    [Fact]
    public void Body_of_an_unknown_type_gets_415_with_Accept()
    {
        var response = RequestValidator.Validate(Request("INVITE", "Content-Type: application/unknownformat\r\n", "<x/>"), Pbx, "application/sdp");

        Assert.NotNull(response);
        Assert.Equal(415, response.StatusCode);
        Assert.Equal("application/sdp", response.Headers.GetFirstValue(HeaderId.Accept));
    }

    [Fact]
    public void INVITE_whose_Accept_excludes_SDP_gets_406()
    {
        var response = RequestValidator.Validate(Request("INVITE", "Accept: text/nobodyKnowsThis\r\n"), Pbx, "application/sdp");

        Assert.NotNull(response);
        Assert.Equal(406, response.StatusCode);
    }

    [Theory]
    [InlineData("Accept: application/sdp\r\n")]
    [InlineData("Accept: application/*\r\n")]
    [InlineData("Accept: text/plain, application/SDP;level=1\r\n")]
    [InlineData("")]
    public void INVITE_accepting_SDP_passes(string accept)
    {
        Assert.Null(RequestValidator.Validate(Request("INVITE", accept), Pbx, "application/sdp"));
    }

    [Fact]
    public void Error_responses_copy_the_request_headers_and_add_a_To_tag()
    {
        var request = Request("FROBNICATE");
        var response = RequestValidator.Validate(request, Pbx)!;

        Assert.Equal(request.CallId, response.CallId);
        Assert.Equal(request.CSeq, response.CSeq);
        Assert.Equal("a1", response.FromTag);
        Assert.False(string.IsNullOrEmpty(response.ToTag));
        Assert.Equal(request.TopVia!.Branch, response.TopVia!.Branch);
    }

    [Fact]
    public void OPTIONS_answer_lists_Allow_Accept_Supported_and_Server()
    {
        var response = OptionsResponder.CreateResponse(Request("OPTIONS"), Pbx);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REGISTER", response.Headers.GetFirstValue(HeaderId.Allow));
        Assert.Equal("application/sdp", response.Headers.GetFirstValue(HeaderId.Accept));
        Assert.True(response.Headers.Contains(HeaderId.Supported));
        Assert.Equal("Lyrebird", response.Headers.GetFirstValue(HeaderId.Server));
    }
}
