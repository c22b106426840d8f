namespace MusicSite.Tests.Media;

/// <summary>Saved ffprobe/ffmpeg output from Media/Fixtures, copied next to the test assembly.</summary>
internal static class SavedOutput
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Media", "Fixtures", relativePath));
}
