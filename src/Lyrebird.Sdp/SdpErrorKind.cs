namespace Lyrebird.Sdp;

/// <summary>Why an SDP was refused. <see cref="SdpError.WarningCode"/> maps each to an RFC 3261 §20.43 warn-code.</summary>
public enum SdpErrorKind
{
    /// <summary>The text is not a valid session description (RFC 4566).</summary>
    Syntax,

    /// <summary>The offer has no audio stream Lyrebird could relay and record.</summary>
    NoAudioStream,

    /// <summary>The offer's audio streams carry no codec Lyrebird can record.</summary>
    NoCommonCodec,

    /// <summary>The answer's m= lines do not match the offer's in count, order, media type or port-0 rejection (RFC 3264 §6).</summary>
    AnswerMediaMismatch,

    /// <summary>The answer uses a codec that the offer did not list (RFC 3264 §6.1).</summary>
    AnswerCodecNotOffered,

    /// <summary>The answer's direction is not allowed by the offer's (RFC 3264 §6.1).</summary>
    AnswerDirectionMismatch,

    /// <summary>The offer/answer exchange was driven out of order (e.g. an answer with no offer outstanding).</summary>
    InvalidState,
}
