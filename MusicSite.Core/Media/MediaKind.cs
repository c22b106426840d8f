namespace MusicSite.Media;

/// <summary>Which file of a track: the original upload or one of the encoded variants.</summary>
public enum MediaKind
{
    Original,
    Low,
    Medium,
    High,
    Lossless,
}
