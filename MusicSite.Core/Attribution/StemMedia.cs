using MusicSite.Media;

namespace MusicSite.Attribution;

/// <summary>Where a stem's files live under the media root, and which variant previews it: the one owner of both.</summary>
public static class StemMedia
{
    /// <summary>The media folder that holds one generated folder per stem.</summary>
    public const string Root = "stems";

    /// <summary>Stems stream one variant only, the medium MP3: enough to audition a part, and all the player needs.</summary>
    public static readonly VariantSpec Preview = VariantSpec.Medium;

    /// <summary>A new stem's folder name: generated, never taken from a request.</summary>
    public static string NewFolder() => Guid.NewGuid().ToString("N");

    /// <summary>A stem's folder relative to the media root.</summary>
    public static string FolderOf(string mediaFolder) => Path.Combine(Root, mediaFolder);

    public static string OriginalPath(string mediaFolder, AudioFormat format) => Path.Combine(Root, mediaFolder, $"original.{format.Extension}");

    public static string PreviewPath(string mediaFolder) => Path.Combine(Root, mediaFolder, $"preview.{Preview.Extension}");

    public static string WaveformPath(string mediaFolder) => Path.Combine(Root, mediaFolder, "waveform.json");
}
