namespace Lyrebird.Sip.Transactions.Tests;

public sealed class SipTimersTests
{
    [Fact]
    public void Default_timers_follow_RFC_3261_Table_4_and_RFC_6026()
    {
        var t = SipTimers.Default;
        Assert.Equal(TimeSpan.FromMilliseconds(500), t.T1);
        Assert.Equal(TimeSpan.FromSeconds(4), t.T2);
        Assert.Equal(TimeSpan.FromSeconds(5), t.T4);
        Assert.Equal(t.T1, t.TimerA);
        Assert.Equal(TimeSpan.FromSeconds(32), t.TimerB);
        Assert.Equal(TimeSpan.FromSeconds(32), t.TimerD);
        Assert.Equal(t.T1, t.TimerE);
        Assert.Equal(TimeSpan.FromSeconds(32), t.TimerF);
        Assert.Equal(t.T1, t.TimerG);
        Assert.Equal(TimeSpan.FromSeconds(32), t.TimerH);
        Assert.Equal(t.T4, t.TimerI);
        Assert.Equal(TimeSpan.FromSeconds(32), t.TimerJ);
        Assert.Equal(t.T4, t.TimerK);
        Assert.Equal(TimeSpan.FromSeconds(32), t.TimerL);
        Assert.Equal(TimeSpan.FromSeconds(32), t.TimerM);
        Assert.Equal(TimeSpan.FromMilliseconds(200), t.TryingDelay);
    }

    [Fact]
    public void Derived_timers_scale_with_T1()
    {
        var t = SipTimers.Default with { T1 = TimeSpan.FromMilliseconds(100) };

        Assert.Equal(TimeSpan.FromMilliseconds(6400), t.TimerB);
        Assert.Equal(TimeSpan.FromMilliseconds(100), t.TimerE);
    }
}
