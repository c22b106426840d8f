using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Media;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>
/// Security finding 9: an upload with a polyglot tail (an HTML page or a ZIP archive appended to the audio) is
/// stored byte-exact, but `?format=original` hands out the audio without the tail, sandboxed and unsniffable.
/// </summary>
public sealed class Finding9PolyglotOriginalTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private const string Html = "<!DOCTYPE html><html><body><script>alert('polyglot')</script></body></html>";
    private readonly TempDirectory _files = new("musicsite-polyglot");

    [Theory]
    [InlineData("mp3", "html")]
    [InlineData("mp3", "zip")]
    [InlineData("flac", "html")]
    public async Task OriginalDownload_OfAnUploadWithATail_IsTheAudioAlone(string extension, string tailKind)
    {
        var audio = MediaFixtures.Audio(_files.Path, extension, 3);
        var tail = Tail(tailKind);
        var polyglot = Path.Combine(_files.Path, $"polyglot-{Guid.NewGuid():N}.{extension}");
        File.WriteAllBytes(polyglot, [.. File.ReadAllBytes(audio), .. tail]);
        var client = await site.ArtistClientAsync();

        var id = (await client.UploadAsync(polyglot, ("title", $"Polyglot {extension} {tailKind}"))).GetProperty("id").GetInt32();
        Assert.Equal("ready", (await client.WaitForProcessingAsync(id)).GetProperty("processing").GetProperty("state").GetString());
        var response = await client.GetAsync($"/api/music/download/{id}?format=original");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(-1, IndexOf(body, tail[..24]));
        Assert.Equal(-1, IndexOf(body, "PK\u0005\u0006"u8.ToArray())); // a ZIP's end-of-directory record
        // Nothing of the audio went with the tail: every MP3 frame is there; every FLAC sample (it is encoded again).
        var downloaded = Path.Combine(_files.Path, $"downloaded-{id}.{extension}");
        File.WriteAllBytes(downloaded, body);
        var measure = extension == "mp3" ? "stream=nb_read_packets" : "stream=duration_ts";
        Assert.Equal(Measure(audio, measure), Measure(downloaded, measure));
        // The decision: the stored original is the upload, byte for byte.
        var stored = await site.WithDbAsync(db => db.MediaFiles.Where(m => m.TrackId == id && m.Kind == MediaKind.Original)
            .Select(m => m.RelativePath).SingleAsync());
        Assert.Equal(File.ReadAllBytes(polyglot), File.ReadAllBytes(Path.Combine(site.DataDirectory, "media", stored)));
    }

    [Fact]
    public void AudioEnd_OfAnMp3WithJunkInTheMiddle_StepsOverIt_AndCutsOnlyTheTail()
    {
        var audio = File.ReadAllBytes(MediaFixtures.Audio(_files.Path, "mp3", 2));
        var middle = audio.Length / 2;
        byte[] damaged = [.. audio[..middle], .. "junk in the middle"u8.ToArray(), .. audio[middle..], .. Encoding.ASCII.GetBytes(Html)];

        var end = MpegAudioFrames.AudioEnd(damaged);

        Assert.Equal(audio.Length + "junk in the middle".Length, end);
        Assert.Null(MpegAudioFrames.AudioEnd(Encoding.ASCII.GetBytes(Html)));
    }

    private static byte[] Tail(string kind)
    {
        if (kind == "html")
        {
            return Encoding.ASCII.GetBytes(Html);
        }
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("payload.html").Open());
            entry.Write(Html);
        }
        return zip.ToArray();
    }

    private static long Measure(string path, string entry)
    {
        var (code, output) = MediaFixtures.Run("ffprobe", "-v", "error", "-count_packets", "-select_streams", "a:0",
            "-show_entries", entry, "-of", "default=noprint_wrappers=1:nokey=1", path);
        Assert.True(code == 0, $"ffprobe failed on {path}");
        return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    public void Dispose() => _files.Dispose();
}
