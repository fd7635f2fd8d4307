using System.Buffers;
using System.Text;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Parsing;

namespace Lyrebird.Sip.Transport.Tests.Framing;

public sealed class SipFramerTests
{
    private const string Invite =
        "INVITE sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP pc33.example.com;branch=z9hG4bK776asdhds\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@example.com>\r\n" +
        "From: Alice <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 14\r\n" +
        "\r\n" +
        "v=0\r\no=- 1 1\r\n";

    private const string Options =
        "OPTIONS sip:carol@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP host.example.com;branch=z9hG4bKopt1\r\n" +
        "To: <sip:carol@example.com>\r\n" +
        "From: <sip:alice@example.com>;tag=77\r\n" +
        "Call-ID: opt-1\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "l: 0\r\n" +
        "\r\n";

    private const string Response =
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/TCP host.example.com;branch=z9hG4bKopt1\r\n" +
        "To: <sip:carol@example.com>;tag=x\r\n" +
        "From: <sip:alice@example.com>;tag=77\r\n" +
        "Call-ID: opt-1\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "content-LENGTH:   5  \r\n" +
        "\r\n" +
        "hello";

    public static TheoryData<string> Messages => new() { Invite, Options, Response };

    private static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);

    private static (OperationStatus Status, SipFrame Frame) Frame(ReadOnlySequence<byte> buffer, SipLimits? limits = null)
    {
        var status = SipFramer.TryFrame(buffer, limits ?? SipLimits.Default, out var frame);
        return (status, frame);
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Frames_a_whole_message_in_one_segment(string text)
    {
        var data = Bytes(text);
        var buffer = new ReadOnlySequence<byte>(data);
        var (status, frame) = Frame(buffer);

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(SipFrameKind.Message, frame.Kind);
        Assert.Equal(data, frame.Message.ToArray());
        Assert.Equal(data.Length, buffer.GetOffset(frame.Consumed));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Frames_the_same_message_however_the_stream_is_split_in_two(string text)
    {
        var data = Bytes(text);
        for (var cut = 1; cut < data.Length; cut++)
        {
            var buffer = Segments.SplitAt(data, cut);
            var (status, frame) = Frame(buffer);
            Assert.True(status == OperationStatus.Done, $"split at {cut}: {status}");
            Assert.Equal(data, frame.Message.ToArray());
            Assert.Equal(data.Length, buffer.GetOffset(frame.Consumed));
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Frames_the_same_message_when_every_byte_is_its_own_segment(string text)
    {
        var data = Bytes(text);
        var buffer = Segments.ByteByByte(data);
        var (status, frame) = Frame(buffer);

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(data, frame.Message.ToArray());
        Assert.Equal(data.Length, buffer.GetOffset(frame.Consumed));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_proper_prefix_needs_more_data_and_consumes_nothing(string text)
    {
        var data = Bytes(text);
        for (var length = 0; length < data.Length; length++)
        {
            foreach (var buffer in new[] { new ReadOnlySequence<byte>(data, 0, length), Segments.ByteByByte(data[..length]) })
            {
                var (status, frame) = Frame(buffer);
                Assert.True(status == OperationStatus.NeedMoreData, $"prefix {length}: {status}");
                Assert.Equal(0, buffer.GetOffset(frame.Consumed));
                Assert.Equal(SipFrameKind.None, frame.Kind);
            }
        }
    }

    [Fact]
    public void Frames_three_pipelined_messages_from_one_buffer()
    {
        var all = Bytes(Invite + Options + Response);
        var framed = FrameAll(new ReadOnlySequence<byte>(all), out var leftover);

        Assert.Equal([Invite, Options, Response], framed);
        Assert.Equal(0, leftover);
    }

    [Fact]
    public void Frames_pipelined_messages_split_across_buffers_at_every_point()
    {
        var all = Bytes(Invite + Options + Response);
        for (var cut = 1; cut < all.Length; cut++)
        {
            var framed = FrameAll(Segments.SplitAt(all, cut), out var leftover);
            Assert.Equal([Invite, Options, Response], framed);
            Assert.Equal(0, leftover);
        }
    }

    [Fact]
    public void Frames_pipelined_messages_arriving_in_random_chunks_like_a_socket()
    {
        var all = Bytes("\r\n" + Invite + "\r\n\r\n" + Options + Response + "\r\n" + Invite);
        var random = new Random(1234);
        for (var round = 0; round < 200; round++)
        {
            var received = new List<byte>();
            var framed = new List<string>();
            var pings = 0;
            var offset = 0;
            while (offset < all.Length)
            {
                var chunk = Math.Min(random.Next(1, 40), all.Length - offset);
                received.AddRange(all.AsSpan(offset, chunk));
                offset += chunk;
                while (true)
                {
                    var buffer = new ReadOnlySequence<byte>(received.ToArray());
                    var status = SipFramer.TryFrame(buffer, SipLimits.Default, out var frame);
                    if (status != OperationStatus.Done)
                    {
                        Assert.Equal(OperationStatus.NeedMoreData, status);
                        Assert.Equal(0, buffer.GetOffset(frame.Consumed));
                        break;
                    }

                    if (frame.Kind == SipFrameKind.KeepAlivePing)
                    {
                        pings++;
                    }
                    else
                    {
                        framed.Add(Encoding.ASCII.GetString(frame.Message.ToArray()));
                    }

                    received.RemoveRange(0, (int)buffer.GetOffset(frame.Consumed));
                }
            }

            Assert.Equal([Invite, Options, Response, Invite], framed);
            Assert.Equal(1, pings);
            Assert.Empty(received);
        }
    }

    [Fact]
    public void A_CRLFCRLF_is_a_keep_alive_ping_that_consumes_four_bytes()
    {
        var buffer = new ReadOnlySequence<byte>(Bytes("\r\n\r\n" + Options));
        var (status, frame) = Frame(buffer);

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(SipFrameKind.KeepAlivePing, frame.Kind);
        Assert.Equal(4, buffer.GetOffset(frame.Consumed));
        Assert.True(frame.Message.IsEmpty);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\r\n\r")]
    public void A_partial_ping_needs_more_data(string text)
    {
        var buffer = new ReadOnlySequence<byte>(Bytes(text));
        var (status, frame) = Frame(buffer);

        Assert.Equal(OperationStatus.NeedMoreData, status);
        Assert.Equal(0, buffer.GetOffset(frame.Consumed));
    }

    [Fact]
    public void A_single_leading_CRLF_is_skipped_and_not_part_of_the_message()
    {
        var buffer = new ReadOnlySequence<byte>(Bytes("\r\n" + Options));
        var (status, frame) = Frame(buffer);

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(SipFrameKind.Message, frame.Kind);
        Assert.Equal(Options, Encoding.ASCII.GetString(frame.Message.ToArray()));
        Assert.Equal(buffer.Length, buffer.GetOffset(frame.Consumed));
    }

    [Fact]
    public void A_folded_Content_Length_is_read()
    {
        var text = Options.Replace("l: 0\r\n", "Content-Length:\r\n 3\r\n", StringComparison.Ordinal) + "abc";
        var (status, frame) = Frame(new ReadOnlySequence<byte>(Bytes(text)));

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(text, Encoding.ASCII.GetString(frame.Message.ToArray()));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("")]
    [InlineData("5 5")]
    [InlineData("abc")]
    [InlineData("0x10")]
    [InlineData("2147483648")]             // one past int.MaxValue
    [InlineData("4294967301")]             // wraps to 5 in 32 bits
    [InlineData("99999999999999999999999")] // wraps a 64-bit accumulator
    public void A_bad_Content_Length_is_invalid_data_and_keeps_the_header_section(string value)
    {
        var text = Options.Replace("l: 0", "Content-Length: " + value, StringComparison.Ordinal);
        var buffer = new ReadOnlySequence<byte>(Bytes(text + "hello"));
        var (status, frame) = Frame(buffer);

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(SipRejectReason.InvalidContentLength, frame.Reason);
        Assert.Equal(HeaderId.ContentLength, frame.Header);
        Assert.Equal(text, Encoding.ASCII.GetString(frame.HeaderSection.ToArray()));
        Assert.Equal(0, buffer.GetOffset(frame.Consumed));
    }

    [Fact]
    public void Two_different_Content_Lengths_are_invalid_data()
    {
        var text = Options.Replace("l: 0\r\n", "l: 0\r\nContent-Length: 4\r\n", StringComparison.Ordinal);
        var (status, frame) = Frame(new ReadOnlySequence<byte>(Bytes(text + "abcd")));

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(SipRejectReason.InvalidContentLength, frame.Reason);
    }

    [Fact]
    public void A_missing_Content_Length_on_a_stream_is_invalid_data()
    {
        var text = Options.Replace("l: 0\r\n", "", StringComparison.Ordinal);
        var (status, frame) = Frame(new ReadOnlySequence<byte>(Bytes(text)));

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(SipRejectReason.MissingRequiredHeader, frame.Reason);
        Assert.Equal(HeaderId.ContentLength, frame.Header);
        Assert.False(frame.HeaderSection.IsEmpty);
    }

    [Fact]
    public void A_header_named_like_Content_Length_does_not_count()
    {
        var text = Options.Replace("l: 0\r\n", "X-Content-Length: 0\r\nll: 4\r\n", StringComparison.Ordinal);
        var (status, frame) = Frame(new ReadOnlySequence<byte>(Bytes(text)));

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(SipRejectReason.MissingRequiredHeader, frame.Reason);
    }

    [Fact]
    public void A_header_section_over_the_limit_is_too_large_before_its_end_arrives()
    {
        var limits = SipLimits.Default with { MaxHeaderSectionBytes = 256 };
        var text = "OPTIONS sip:a@b SIP/2.0\r\nX-Filler: " + new string('x', 300);
        var buffer = new ReadOnlySequence<byte>(Bytes(text));
        var (status, frame) = Frame(buffer, limits);

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(SipRejectReason.MessageTooLarge, frame.Reason);
        Assert.True(frame.HeaderSection.IsEmpty);

        var (shortStatus, _) = Frame(new ReadOnlySequence<byte>(Bytes(text[..255])), limits);
        Assert.Equal(OperationStatus.NeedMoreData, shortStatus);
    }

    [Fact]
    public void A_header_section_exactly_at_the_limit_is_framed()
    {
        var data = Bytes(Options);
        var limits = SipLimits.Default with { MaxHeaderSectionBytes = data.Length };
        var (status, frame) = Frame(new ReadOnlySequence<byte>(data), limits);

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(data.Length, frame.Message.Length);

        var (smaller, smallerFrame) = Frame(new ReadOnlySequence<byte>(data), limits with { MaxHeaderSectionBytes = data.Length - 1 });
        Assert.Equal(OperationStatus.InvalidData, smaller);
        Assert.Equal(SipRejectReason.MessageTooLarge, smallerFrame.Reason);
    }

    [Fact]
    public void A_Content_Length_pushing_the_message_over_the_limit_is_too_large_before_the_body_arrives()
    {
        var headers = Options.Replace("l: 0", "Content-Length: 70000", StringComparison.Ordinal);
        var buffer = new ReadOnlySequence<byte>(Bytes(headers + "partial body"));
        var (status, frame) = Frame(buffer);

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(SipRejectReason.MessageTooLarge, frame.Reason);
        Assert.Equal(headers, Encoding.ASCII.GetString(frame.HeaderSection.ToArray()));
    }

    [Fact]
    public void A_message_exactly_at_the_size_limit_is_framed()
    {
        var data = Bytes(Invite);
        var (status, _) = Frame(new ReadOnlySequence<byte>(data), SipLimits.Default with { MaxMessageBytes = data.Length });
        var (over, frame) = Frame(new ReadOnlySequence<byte>(data), SipLimits.Default with { MaxMessageBytes = data.Length - 1 });

        Assert.Equal(OperationStatus.Done, status);
        Assert.Equal(OperationStatus.InvalidData, over);
        Assert.Equal(SipRejectReason.MessageTooLarge, frame.Reason);
    }

    [Fact]
    public void Random_bytes_never_throw_and_never_consume_on_anything_but_done()
    {
        var random = new Random(42);
        var limits = SipLimits.Default with { MaxHeaderSectionBytes = 512, MaxMessageBytes = 1024 };
        var alphabet = Bytes("\r\n:lL-Content-Length 0123456789 INVITE SIP/2.0\t");
        for (var i = 0; i < 5000; i++)
        {
            var data = new byte[random.Next(0, 700)];
            for (var j = 0; j < data.Length; j++)
            {
                data[j] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            var buffer = Segments.SplitAt(data, data.Length / 2);
            var status = SipFramer.TryFrame(buffer, limits, out var frame);
            if (status == OperationStatus.Done)
            {
                Assert.True(buffer.GetOffset(frame.Consumed) > 0);
            }
            else
            {
                Assert.Equal(0, buffer.GetOffset(frame.Consumed));
            }
        }
    }

    private static List<string> FrameAll(ReadOnlySequence<byte> buffer, out long leftover)
    {
        var framed = new List<string>();
        while (SipFramer.TryFrame(buffer, SipLimits.Default, out var frame) == OperationStatus.Done)
        {
            framed.Add(Encoding.ASCII.GetString(frame.Message.ToArray()));
            buffer = buffer.Slice(frame.Consumed);
        }

        leftover = buffer.Length;
        return framed;
    }
}
