using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MusicSite.Hosting;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Hosting;

namespace MusicSite.Tests.Playback;

/// <summary>The standalone sender (<see cref="PipeFileBody"/>) on real Kestrel: every byte of the file, and of any
/// range, whatever its position against the 64 KiB reads.</summary>
[Trait("Category", "Slow")]
public sealed class FileSendingTests : IDisposable
{
    private readonly KestrelSite _kestrel = new();

    [Fact]
    public async Task Stream_OnKestrel_SendsTheFileAndRangesAcrossReads()
    {
        var client = _kestrel.CreateClient();
        var id = await TestCatalog.AddReadyTrackAsync(_kestrel.Site.Services, "Kestrel Tone", seconds: 20);
        var relative = await _kestrel.Site.WithDbAsync(db => db.MediaFiles.Where(m => m.TrackId == id).Select(m => m.RelativePath).SingleAsync());
        var file = await File.ReadAllBytesAsync(new MusicSiteOptions { DataDirectory = _kestrel.Site.DataDirectory }.Paths.MediaPath(relative));
        Assert.True(file.Length > 3 * PipeFileBody.ChunkBytes, $"the test file has {file.Length} bytes");

        var whole = await client.GetAsync($"/api/music/stream/{id}");
        Assert.Equal(200, (int)whole.StatusCode);
        Assert.Equal(file, await whole.Content.ReadAsByteArrayAsync());

        foreach (var (from, to) in new (long?, long?)[] { (65_000, 200_000), (PipeFileBody.ChunkBytes, 2L * PipeFileBody.ChunkBytes), (null, 1000), (100, null) })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}") { Headers = { Range = new RangeHeaderValue(from, to) } };
            var partial = await client.SendAsync(request);
            var expected = from is null ? file[^(int)to!.Value..] : file[(int)from.Value..(to is null ? file.Length : (int)to.Value + 1)];
            Assert.Equal(206, (int)partial.StatusCode);
            Assert.Equal(expected, await partial.Content.ReadAsByteArrayAsync());
        }
    }

    public void Dispose() => _kestrel.Dispose();
}
