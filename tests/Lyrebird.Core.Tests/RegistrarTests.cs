using System.Net;
using System.Text;
using Lyrebird.Core.Registration;
using Lyrebird.Sip.Headers;
using Lyrebird.Sip.Messages;
using Lyrebird.Sip.Parsing;
using Lyrebird.Sip.Transport;
using Lyrebird.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Lyrebird.Core.Tests;

public sealed class RegistrarTests : IDisposable
{
    private const string SnomInstance = "<urn:uuid:0c8e4d0c-61c2-4b7a-a4c4-000413412345>";
    private static readonly SipFlow PhoneFlow = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5060), new IPEndPoint(IPAddress.Parse("127.0.0.23"), 40123));

    private readonly TempDataDirectory _data = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private readonly SqliteRegistrationStore _store;
    private readonly Registrar _registrar;
    private uint _cseq;

    public RegistrarTests()
    {
        _store = new SqliteRegistrationStore(new SqliteDatabase(_data.Path));
        _registrar = new Registrar(_store, _time);
    }

    public void Dispose() => _data.Dispose();

    private SipResponse Register(string contacts, string? expires = null, string callId = "reg-call-1")
    {
        var text = "REGISTER sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.23:40123;branch=z9hG4bK" + Guid.NewGuid().ToString("N") + ";rport\r\n" +
                   "From: <sip:201@127.0.0.1>;tag=r1\r\nTo: <sip:201@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: " + ++_cseq + " REGISTER\r\n" +
                   "Max-Forwards: 70\r\nUser-Agent: snom320/8.4.31\r\n" + contacts + (expires is null ? "" : $"Expires: {expires}\r\n") + "Content-Length: 0\r\n\r\n";
        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(Encoding.UTF8.GetBytes(text), SipLimits.Default).Message);
        return _registrar.Register(request, "201", PhoneFlow);
    }

    [Fact]
    public void Snom_style_registration_is_stored_with_its_flow_and_listed_in_the_200_with_remaining_time()
    {
        var response = Register($"Contact: <sip:201@127.0.0.23:40123;line=aho1nwcf>;reg-id=1;+sip.instance=\"{SnomInstance}\"\r\n", expires: "3600");

        Assert.Equal(200, response.StatusCode);
        var contact = Assert.Single(response.Headers.GetAll(HeaderId.Contact)).Value;
        Assert.Contains("sip:201@127.0.0.23:40123;line=aho1nwcf", contact, StringComparison.Ordinal);
        Assert.Contains("expires=3600", contact, StringComparison.Ordinal);
        var binding = Assert.Single(_registrar.Lookup("201"));
        Assert.Equal("127.0.0.23", binding.RemoteAddress);
        Assert.Equal(40123, binding.RemotePort);
        Assert.Equal("UDP", binding.Transport);
        Assert.Equal(SnomInstance, binding.InstanceId);
        Assert.Equal(1, binding.RegId);
        Assert.Equal("snom320/8.4.31", binding.UserAgent);
    }

    [Fact]
    public void Several_contacts_are_kept_and_the_200_shows_the_remaining_time_of_each()
    {
        Register("Contact: <sip:201@127.0.0.23:40123>;expires=600\r\n");
        _time.Advance(TimeSpan.FromSeconds(100));

        var response = Register("Contact: <sip:201@127.0.0.24:5062>\r\n", expires: "1800");

        var contacts = response.Headers.GetAll(HeaderId.Contact).Select(h => h.Value).ToList();
        Assert.Equal(2, contacts.Count);
        Assert.Contains(contacts, c => c.Contains("127.0.0.23:40123", StringComparison.Ordinal) && c.EndsWith("expires=500", StringComparison.Ordinal));
        Assert.Contains(contacts, c => c.Contains("127.0.0.24:5062", StringComparison.Ordinal) && c.EndsWith("expires=1800", StringComparison.Ordinal));
    }

    [Fact]
    public void Same_instance_and_reg_id_replaces_the_earlier_binding_even_with_a_new_contact_address()
    {
        Register($"Contact: <sip:201@127.0.0.23:40123>;reg-id=1;+sip.instance=\"{SnomInstance}\"\r\n", "3600");

        Register($"Contact: <sip:201@127.0.0.23:40999>;reg-id=1;+sip.instance=\"{SnomInstance}\"\r\n", "3600", callId: "after-reboot");

        var binding = Assert.Single(_registrar.Lookup("201"));
        Assert.Equal("sip:201@127.0.0.23:40999", binding.ContactUri);
    }

    [Fact]
    public void Expires_0_removes_one_binding_and_star_removes_all()
    {
        Register("Contact: <sip:201@127.0.0.23:1>\r\nContact: <sip:201@127.0.0.23:2>\r\n", "3600");

        Register("Contact: <sip:201@127.0.0.23:1>;expires=0\r\n");
        Assert.Equal(["sip:201@127.0.0.23:2"], _registrar.Lookup("201").Select(b => b.ContactUri));

        var response = Register("Contact: *\r\n", "0");
        Assert.Equal(200, response.StatusCode);
        Assert.Empty(_registrar.Lookup("201"));
        Assert.Empty(_store.LoadAll());
    }

    [Fact]
    public void Star_with_a_non_zero_Expires_is_a_bad_request()
    {
        var response = Register("Contact: *\r\n", "3600");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("Wildcard Contact Requires Expires 0", response.ReasonPhrase);
    }

    [Fact]
    public void Too_brief_interval_gets_423_with_Min_Expires()
    {
        var response = Register("Contact: <sip:201@127.0.0.23:40123>\r\n", "30");

        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Headers.GetFirstValue(HeaderId.MinExpires));
        Assert.Empty(_registrar.Lookup("201"));
    }

    [Fact]
    public void Too_long_interval_is_lowered_to_the_maximum()
    {
        var response = Register("Contact: <sip:201@127.0.0.23:40123>\r\n", "86400");

        Assert.EndsWith("expires=3600", response.Headers.GetFirstValue(HeaderId.Contact), StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_expires_on_time()
    {
        Register("Contact: <sip:201@127.0.0.23:40123>\r\n", "120");

        _time.Advance(TimeSpan.FromSeconds(119));
        Assert.Single(_registrar.Lookup("201"));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(_registrar.Lookup("201"));
        Assert.Equal(1, _registrar.RemoveExpired());
        Assert.Empty(_store.LoadAll());
    }

    [Fact]
    public void Bindings_survive_a_restart_and_expired_ones_do_not()
    {
        Register("Contact: <sip:201@127.0.0.23:1>;expires=120\r\nContact: <sip:201@127.0.0.23:2>;expires=3600\r\n");
        _time.Advance(TimeSpan.FromSeconds(300));

        var restarted = new Registrar(new SqliteRegistrationStore(new SqliteDatabase(_data.Path)), _time);

        var binding = Assert.Single(restarted.Lookup("201"));
        Assert.Equal("sip:201@127.0.0.23:2", binding.ContactUri);
        Assert.Equal(40123, binding.RemotePort);
    }

    [Fact]
    public void Out_of_order_CSeq_on_the_same_Call_ID_does_not_change_the_binding()
    {
        Register("Contact: <sip:201@127.0.0.23:40123>\r\n", "3600");
        _cseq -= 2;

        var response = Register("Contact: <sip:201@127.0.0.23:40123>\r\n", "0");

        Assert.Equal(500, response.StatusCode);
        Assert.Single(_registrar.Lookup("201"));
    }

    [Fact]
    public void Query_without_Contact_lists_the_bindings_and_changes_nothing()
    {
        Register("Contact: <sip:201@127.0.0.23:40123>\r\n", "3600");

        var response = Register("");

        Assert.Equal(200, response.StatusCode);
        Assert.Single(response.Headers.GetAll(HeaderId.Contact));
    }
}
