using System.Net;
using Lyrebird.Sdp.Negotiation;

namespace Lyrebird.Sdp.Tests;

public sealed class SessionOriginTests
{
    private static readonly IPAddress Relay = IPAddress.Parse("198.51.100.1");

    [Fact]
    public void First_sdp_carries_the_initial_version()
    {
        var origin = new SessionOrigin(Relay, 99, 5);
        Assert.Equal(5UL, origin.Apply(Sdps.Audio("0")).Origin.SessionVersion);
    }

    [Fact]
    public void Unchanged_sdp_keeps_the_version_even_if_the_input_origin_changed()
    {
        var origin = new SessionOrigin(Relay, 99, 5);
        origin.Apply(Sdps.Audio("0"));
        var again = Sdps.Audio("0") with { Origin = Sdps.Audio("0").Origin with { SessionVersion = 77 } };
        Assert.Equal(5UL, origin.Apply(again).Origin.SessionVersion);
    }

    [Fact]
    public void Changed_sdp_increments_the_version_by_one_each_time()
    {
        var origin = new SessionOrigin(Relay, 99, 5);
        origin.Apply(Sdps.Audio("0"));
        Assert.Equal(6UL, origin.Apply(Sdps.Audio("0", "a=sendonly\n")).Origin.SessionVersion);
        Assert.Equal(6UL, origin.Apply(Sdps.Audio("0", "a=sendonly\n")).Origin.SessionVersion);
        var resumed = origin.Apply(Sdps.Audio("0"));
        Assert.Equal(7UL, resumed.Origin.SessionVersion);
        Assert.Equal(("lyrebird", "99", "IP4", "198.51.100.1"), (resumed.Origin.Username, resumed.Origin.SessionId, resumed.Origin.AddressType, resumed.Origin.Address));
    }

    [Fact]
    public void Created_origins_have_distinct_session_ids()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => SessionOrigin.Create(Relay).Origin.SessionId).ToHashSet();
        Assert.True(ids.Count > 1);
    }
}
