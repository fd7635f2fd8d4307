using System.Buffers;
using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Uris;
using Lyrebird.Sip.Writing;

namespace Lyrebird.Sip.Tests.Writing;

public sealed class SipMessageWriterTests
{
    [Fact]
    public void Writes_a_request_in_canonical_form_with_a_computed_content_length()
    {
        var request = new SipRequest(SipMethods.Info, SipUri.Parse("sip:201@192.168.1.10;user=phone"));
        request.Headers.Add(HeaderId.Via, "SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-1;rport");
        request.Headers.Add(HeaderId.ContentLength, "999");
        request.Headers.Add("X-Custom", "yes");
        request.Headers.Add("l", "5"); // compact Content-Length is also replaced
        request.Headers.Add("f", "<sip:203@192.168.1.10>;tag=a");
        request.Body = "hello"u8.ToArray();

        var text = Encoding.UTF8.GetString(SipMessageWriter.ToArray(request));

        Assert.Equal(
            "INFO sip:201@192.168.1.10;user=phone SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-1;rport\r\n" +
            "X-Custom: yes\r\n" +
            "From: <sip:203@192.168.1.10>;tag=a\r\n" +
            "Content-Length: 5\r\n" +
            "\r\n" +
            "hello", text);
    }

    [Fact]
    public void Writes_a_status_line_and_one_line_per_stored_value()
    {
        var response = new SipResponse(SipStatusCodes.Ok);
        response.Headers.Add(HeaderId.Via, "SIP/2.0/UDP a;branch=z9hG4bK1");
        response.Headers.Add(HeaderId.Via, "SIP/2.0/UDP b;branch=z9hG4bK2");

        var text = Encoding.UTF8.GetString(SipMessageWriter.ToArray(response));

        Assert.Equal("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP b;branch=z9hG4bK2\r\nContent-Length: 0\r\n\r\n", text);
    }

    [Fact]
    public void Appends_to_what_the_buffer_already_holds()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("x"u8);
        SipMessageWriter.Write(new SipResponse(486), buffer);
        Assert.Equal("xSIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n\r\n", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Writes_utf8_reason_phrases()
    {
        var text = Encoding.UTF8.GetString(SipMessageWriter.ToArray(new SipResponse(200, "Ça va")));
        Assert.StartsWith("SIP/2.0 200 Ça va\r\n", text, StringComparison.Ordinal);
    }
}
