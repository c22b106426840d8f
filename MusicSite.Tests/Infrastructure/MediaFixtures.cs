using System.Diagnostics;

namespace MusicSite.Tests.Infrastructure;

/// <summary>Test media made by ffmpeg at test time: nothing binary is committed.</summary>
public static class MediaFixtures
{
    /// <summary>A test-pattern image; <paramref name="extension"/> (png, jpg, webp) picks the encoder.</summary>
    public static string Image(string directory, string extension, int width = 640, int height = 360)
    {
        var path = Path.Combine(directory, $"image-{Guid.NewGuid():N}.{extension}");
        Ffmpeg("-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate=1", "-frames:v", "1", path);
        return path;
    }

    /// <summary>A square cover: a smooth gradient whose colours follow <paramref name="seed"/>, like real artwork
    /// rather than a test card (the README's screenshots show these).</summary>
    public static string Cover(string directory, int seed, int size = 600)
    {
        var path = Path.Combine(directory, $"cover-{seed}-{Guid.NewGuid():N}.jpg");
        Ffmpeg("-f", "lavfi", "-i", $"gradients=size={size}x{size}:nb_colors=3:seed={seed}:type=radial:duration=1", "-frames:v", "1", path);
        return path;
    }

    /// <summary>A stereo pulse at <paramref name="bpm"/> over a swelling pad: audio whose waveform has shape.</summary>
    public static string Pulse(string directory, string extension, double seconds, int bpm = 120)
    {
        var path = Path.Combine(directory, $"pulse-{Guid.NewGuid():N}.{extension}");
        var beat = (60.0 / bpm).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        var expression = $"0.6*sin(2*PI*82*t)*exp(-7*mod(t\\,{beat}))+0.25*sin(2*PI*330*t)*(0.55+0.45*sin(2*PI*t/7))";
        Ffmpeg("-f", "lavfi", "-i",
            $"aevalsrc=exprs='{expression}|{expression}':duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}:sample_rate=44100",
            path);
        return path;
    }

    /// <summary>A short stereo sine tone.</summary>
    public static string Tone(string directory, string extension, double seconds = 3, int frequency = 440)
    {
        var path = Path.Combine(directory, $"tone-{Guid.NewGuid():N}.{extension}");
        Ffmpeg("-f", "lavfi", "-i", $"sine=frequency={frequency}:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "-ac", "2", path);
        return path;
    }

    /// <summary>A tone in the container and codec the extension implies, with extra ffmpeg output options.</summary>
    public static string Audio(string directory, string extension, double seconds, params string[] outputOptions)
    {
        var path = Path.Combine(directory, $"audio-{Guid.NewGuid():N}.{extension}");
        Ffmpeg(["-f", "lavfi", "-i", $"sine=frequency=440:duration={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "-ac", "2", .. outputOptions, path]);
        return path;
    }

    /// <summary>An MP3 with ID3 tags (title, artist, BPM, key, genre) and an embedded cover picture.</summary>
    public static string TaggedMp3WithCover(string directory, string title, string artist, string bpm, string key, string genre)
    {
        var cover = Image(directory, "jpg", 320, 320);
        var path = Path.Combine(directory, $"tagged-{Guid.NewGuid():N}.mp3");
        Ffmpeg("-f", "lavfi", "-i", "sine=frequency=330:duration=4", "-i", cover, "-map", "0:a", "-map", "1:v", "-c:v", "copy",
            "-disposition:v", "attached_pic", "-id3v2_version", "3", "-metadata", $"title={title}", "-metadata", $"artist={artist}",
            "-metadata", $"TBPM={bpm}", "-metadata", $"TKEY={key}", "-metadata", $"genre={genre}", path);
        return path;
    }

    public static string Text(string directory, string fileName, string content)
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public static string Probe(string path, string entries)
    {
        var (code, output) = Run("ffprobe", "-v", "error", "-show_entries", entries, "-of", "default=noprint_wrappers=1", path);
        Assert.True(code == 0, $"ffprobe failed on {path}");
        return output;
    }

    private static void Ffmpeg(params string[] arguments)
    {
        var (code, output) = Run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments]);
        Assert.True(code == 0, "ffmpeg failed: " + output);
    }

    internal static (int Code, string Output) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
