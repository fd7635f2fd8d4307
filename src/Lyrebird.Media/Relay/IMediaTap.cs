namespace Lyrebird.Media.Relay;

/// <summary>
/// Receives a view of every packet a session accepts (the recorder's hook).
/// Called on the session's relay thread, after the packet was forwarded, with a span into the relay's receive buffer
/// that is only valid during the call: an implementation must copy what it needs and return at once — never block,
/// never wait on a lock another thread holds long, never allocate per packet if it can avoid it (copy into its own
/// bounded queue and drop on overflow). A tap that throws is detached from the session and the error logged.
/// When no tap is attached the relay pays one null check per packet.
/// </summary>
public interface IMediaTap
{
    void OnPacket(MediaSession session, in MediaTapPacket packet);
}
