using System.Text;

namespace Lyrebird.Benchmarks;

/// <summary>Realistic messages of a snom 320 call and registration against the PBX at 192.168.1.10.</summary>
public static class SipCorpus
{
    private const string Sdp =
        "v=0\r\n" +
        "o=root 1436913366 1436913366 IN IP4 192.168.1.23\r\n" +
        "s=call\r\n" +
        "c=IN IP4 192.168.1.23\r\n" +
        "t=0 0\r\n" +
        "m=audio 54476 RTP/AVP 9 0 8 101\r\n" +
        "a=rtpmap:9 G722/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    private const string AnswerSdp =
        "v=0\r\n" +
        "o=lyrebird 8273 8273 IN IP4 192.168.1.10\r\n" +
        "s=lyrebird\r\n" +
        "c=IN IP4 192.168.1.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 9 101\r\n" +
        "a=rtpmap:9 G722/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    private static string WithBody(string head, string body) =>
        head + "Content-Length: " + Encoding.ASCII.GetByteCount(body) + "\r\n\r\n" + body;

    public static readonly byte[] Invite = Encoding.ASCII.GetBytes(WithBody(
        "INVITE sip:201@192.168.1.10;user=phone SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-7m3ar2kqjz1d;rport\r\n" +
        "From: \"203\" <sip:203@192.168.1.10>;tag=2o9v7qh8nh\r\n" +
        "To: <sip:201@192.168.1.10;user=phone>\r\n" +
        "Call-ID: 3c27e4f964fc-rfpqj02z0pjk\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Max-Forwards: 70\r\n" +
        "Contact: <sip:203@192.168.1.23:5060;line=aho1nwcf>;reg-id=1\r\n" +
        "P-Key-Flags: resolution=\"31x13\", keys=\"4\"\r\n" +
        "User-Agent: snom320/8.4.31\r\n" +
        "Accept: application/sdp\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, REFER, OPTIONS, NOTIFY, SUBSCRIBE, PRACK, MESSAGE, INFO, UPDATE\r\n" +
        "Allow-Events: talk, hold, refer, call-info\r\n" +
        "Supported: timer, 100rel, replaces, from-change\r\n" +
        "Session-Expires: 3600\r\n" +
        "Min-SE: 90\r\n" +
        "Content-Type: application/sdp\r\n", Sdp));

    private const string DialogHeaders =
        "Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-7m3ar2kqjz1d;rport=5060;received=192.168.1.23\r\n" +
        "From: \"203\" <sip:203@192.168.1.10>;tag=2o9v7qh8nh\r\n" +
        "To: <sip:201@192.168.1.10;user=phone>;tag=as5f2a1c7e\r\n" +
        "Call-ID: 3c27e4f964fc-rfpqj02z0pjk\r\n" +
        "CSeq: 1 INVITE\r\n";

    public static readonly byte[] Trying = Encoding.ASCII.GetBytes(
        "SIP/2.0 100 Trying\r\n" + DialogHeaders.Replace(";tag=as5f2a1c7e", "", StringComparison.Ordinal) + "Server: Lyrebird\r\nContent-Length: 0\r\n\r\n");

    public static readonly byte[] Ringing = Encoding.ASCII.GetBytes(
        "SIP/2.0 180 Ringing\r\n" + DialogHeaders + "Contact: <sip:201@192.168.1.10:5060>\r\nServer: Lyrebird\r\nContent-Length: 0\r\n\r\n");

    public static readonly byte[] OkWithSdp = Encoding.ASCII.GetBytes(WithBody(
        "SIP/2.0 200 OK\r\n" + DialogHeaders +
        "Contact: <sip:201@192.168.1.10:5060>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE\r\n" +
        "Supported: timer, replaces\r\n" +
        "Session-Expires: 3600;refresher=uac\r\n" +
        "Server: Lyrebird\r\n" +
        "Content-Type: application/sdp\r\n", AnswerSdp));

    public static readonly byte[] Ack = Encoding.ASCII.GetBytes(
        "ACK sip:201@192.168.1.10:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-f0x2z4m8q1w7;rport\r\n" +
        "From: \"203\" <sip:203@192.168.1.10>;tag=2o9v7qh8nh\r\n" +
        "To: <sip:201@192.168.1.10;user=phone>;tag=as5f2a1c7e\r\n" +
        "Call-ID: 3c27e4f964fc-rfpqj02z0pjk\r\n" +
        "CSeq: 1 ACK\r\n" +
        "Max-Forwards: 70\r\n" +
        "Contact: <sip:203@192.168.1.23:5060;line=aho1nwcf>;reg-id=1\r\n" +
        "Content-Length: 0\r\n\r\n");

    public static readonly byte[] Bye = Encoding.ASCII.GetBytes(
        "BYE sip:201@192.168.1.10:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-b4n9s0d3k2l5;rport\r\n" +
        "From: \"203\" <sip:203@192.168.1.10>;tag=2o9v7qh8nh\r\n" +
        "To: <sip:201@192.168.1.10;user=phone>;tag=as5f2a1c7e\r\n" +
        "Call-ID: 3c27e4f964fc-rfpqj02z0pjk\r\n" +
        "CSeq: 2 BYE\r\n" +
        "Max-Forwards: 70\r\n" +
        "User-Agent: snom320/8.4.31\r\n" +
        "Content-Length: 0\r\n\r\n");

    public static readonly byte[] Register = Encoding.ASCII.GetBytes(
        "REGISTER sip:192.168.1.10 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-r1e2g3i4s5t6;rport\r\n" +
        "From: <sip:203@192.168.1.10>;tag=zq4k2w1d9e\r\n" +
        "To: <sip:203@192.168.1.10>\r\n" +
        "Call-ID: 3c26700c1a4a-mxbu7yfxp7vv\r\n" +
        "CSeq: 2 REGISTER\r\n" +
        "Max-Forwards: 70\r\n" +
        "Contact: <sip:203@192.168.1.23:5060;line=aho1nwcf>;reg-id=1;q=1.0;+sip.instance=\"<urn:uuid:0a1b2c3d-0000-1000-8000-000413410b2c>\";audio;mobility=\"fixed\";duplex=\"full\";description=\"snom320\";actor=\"principal\";events=\"dialog\";methods=\"INVITE,ACK,CANCEL,BYE,REFER,OPTIONS,NOTIFY,SUBSCRIBE,PRACK,MESSAGE,INFO\"\r\n" +
        "User-Agent: snom320/8.4.31\r\n" +
        "Allow-Events: dialog\r\n" +
        "X-Real-IP: 192.168.1.23\r\n" +
        "Supported: path, gruu\r\n" +
        "Authorization: Digest username=\"203\",realm=\"lyrebird\",nonce=\"5f2a1c7e9b3d4a6f\",uri=\"sip:192.168.1.10\",response=\"6629fae49393a05397450978507c4ef1\",algorithm=MD5\r\n" +
        "Expires: 3600\r\n" +
        "Content-Length: 0\r\n\r\n");

    public static readonly byte[] Info = Encoding.ASCII.GetBytes(
        "INFO sip:201@192.168.1.10;user=phone;transport=udp SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.168.1.23:5060;branch=z9hG4bK-vvl5yi9din2e;rport\r\n" +
        "From: \"203\" <sip:203@192.168.1.10>;tag=maucp6e5al\r\n" +
        "To: <sip:201@192.168.1.10;user=phone>;tag=410604c3-13da-4e4d147e-77857ce4-24cd5625\r\n" +
        "Call-ID: 3c27e4f964fc-rfpqj02z0pjk\r\n" +
        "CSeq: 2 INFO\r\n" +
        "Max-Forwards: 70\r\n" +
        "Contact: <sip:203@192.168.1.23:5060;line=aho1nwcf>;reg-id=1\r\n" +
        "User-Agent: snom320/8.4.31\r\n" +
        "Record: on\r\n" +
        "Content-Length: 0\r\n\r\n");
}
