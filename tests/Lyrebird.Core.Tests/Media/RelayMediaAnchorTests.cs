using Lyrebird.Core.Media;

namespace Lyrebird.Core.Tests.Media;

/// <summary>The contract run against the epoll relay (Linux x86-64, where the tests run).</summary>
public sealed class RelayMediaAnchorTests : MediaAnchorContractTests
{
    protected override int PortBase => 42000;

    protected override int PortPairCapacity => ((RelayMediaAnchor)Anchor).PortPairCapacity;

    protected override int PortPairsAvailable => ((RelayMediaAnchor)Anchor).PortPairsAvailable;

    protected override IMediaAnchor CreateAnchor(MediaAnchorOptions options, TimeProvider time) =>
        new RelayMediaAnchor(options with { IoThreads = 1 }, time);

}
