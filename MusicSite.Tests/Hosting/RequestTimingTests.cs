using Microsoft.Extensions.DependencyInjection;
using MusicSite.Admin;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Hosting;

/// <summary>What the request timing counts: a listener's stream lasts as long as the music, so it is no latency.</summary>
public sealed class RequestTimingTests : IDisposable
{
    private readonly MusicSiteFactory _site = new();

    [Fact]
    public async Task AudioStream_IsNotTimed_AnApiAnswerIs()
    {
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Timed Tone", seconds: 2);
        var client = _site.CreateClient();
        var metrics = _site.Services.GetRequiredService<RequestMetrics>();
        int Requests() => metrics.Measure(TimeSpan.FromHours(1), 0).Requests;
        var before = Requests();

        var stream = await client.GetAsync($"/api/music/stream/{id}");
        await stream.Content.ReadAsByteArrayAsync();
        var afterStream = Requests();
        var genres = await client.GetAsync("/api/genres");

        Assert.Equal(200, (int)stream.StatusCode);
        Assert.Equal(before, afterStream);
        Assert.Equal(200, (int)genres.StatusCode);
        await Eventually.True("the API answer counted", () => Requests() == before + 1);
    }

    public void Dispose() => _site.Dispose();
}
