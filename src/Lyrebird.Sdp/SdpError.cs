namespace Lyrebird.Sdp;

/// <summary>
/// A refusal with a specific, human-readable message (e.g. <c>m= line 2: port 'x' is not a number</c> or
/// <c>No common codec: offer has GSM, G729</c>). The message never echoes more than a short token of the input, so a
/// caller may put it in a Warning header of a 488 (RFC 3261 §20.43) as-is.
/// </summary>
public sealed record SdpError(SdpErrorKind Kind, string Message)
{
    /// <summary>
    /// The warn-code for a Warning header: 304 (media type not available) when there is no usable stream at all,
    /// 305 (incompatible media format) for codec problems, 399 (miscellaneous) otherwise.
    /// </summary>
    public int WarningCode => Kind switch
    {
        SdpErrorKind.NoAudioStream => 304,
        SdpErrorKind.NoCommonCodec or SdpErrorKind.AnswerCodecNotOffered => 305,
        _ => 399,
    };

    public override string ToString() => Message;
}
