using Lyrebird.Core.Media;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lyrebird.Core.Tests.Media;

public sealed class SimpleUdpRelayAnchorTests : MediaAnchorContractTests
{
    protected override int PortBase => 30000;

    protected override int PortPairCapacity => ((SimpleUdpRelayAnchor)Anchor).PortPairCapacity;

    protected override int PortPairsAvailable => ((SimpleUdpRelayAnchor)Anchor).PortPairsAvailable;

    protected override IMediaAnchor CreateAnchor(MediaAnchorOptions options, TimeProvider time) =>
        new SimpleUdpRelayAnchor(options, time, NullLogger<SimpleUdpRelayAnchor>.Instance);
}
