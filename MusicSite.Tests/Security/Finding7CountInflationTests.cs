using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>Security finding 7: plays and downloads count once per listener (account, else network address)
/// and half hour, whatever the client says about itself.</summary>
[Trait("Category", "Slow")]
public sealed class Finding7CountInflationTests : IDisposable
{
    private readonly ClockedSite _site = new();

    [Fact]
    public async Task Finding7_AnonymousPlay_RotatingUserAgent_CountsOnce()
    {
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Rotated Agents", seconds: 2);

        var counted = new List<bool>();
        foreach (var agent in new[] { "Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0", "Bot/1", "Bot/2", "" })
        {
            var client = _site.CreateClient();
            if (agent.Length > 0)
            {
                client.DefaultRequestHeaders.UserAgent.ParseAdd(agent);
            }
            var answer = await (await client.PostAsJsonAsync($"/api/music/tracks/{id}/plays", new { seconds = 30 })).JsonAsync();
            counted.Add(answer.GetProperty("counted").GetBoolean());
        }

        Assert.Equal([true, false, false, false, false], counted);
        Assert.Equal(1, await Counter(id, t => t.PlayCount));
    }

    [Fact]
    public async Task Finding7_RepeatedDownloads_CountOncePerListenerAndHalfHour()
    {
        var id = await TestCatalog.AddReadyTrackAsync(_site.Services, "Downloaded Often", seconds: 2);
        await _site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.IsDownloadable, true)));
        var anonymous = _site.CreateClient();
        var listener = await _site.SignedInClientAsync($"downloader-{Guid.NewGuid():N}@example.com");

        for (var i = 0; i < 5; i++)
        {
            anonymous.DefaultRequestHeaders.UserAgent.Clear();
            anonymous.DefaultRequestHeaders.UserAgent.ParseAdd($"Agent/{i}");
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/music/download/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await listener.GetAsync($"/api/music/download/{id}?format=original")).StatusCode);
        }
        Assert.Equal(2, await Counter(id, t => t.DownloadCount));

        _site.Clock.Advance(PlayCounter.Window);
        await anonymous.GetByteArrayAsync($"/api/music/download/{id}");
        await anonymous.GetByteArrayAsync($"/api/music/download/{id}");

        Assert.Equal(3, await Counter(id, t => t.DownloadCount));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    public void ListenerKey_AnonymousListeners_AreTheirNetworkAddress(string first, string second, bool same)
    {
        var a = PlayCounter.ListenerKey(null, IPAddress.Parse(first));
        var b = PlayCounter.ListenerKey(null, IPAddress.Parse(second));

        Assert.Equal(same, a == b);
        Assert.DoesNotContain(first, a);
        Assert.NotEqual(PlayCounter.ListenerKey(7, IPAddress.Parse(first)), a);
        Assert.Equal(PlayCounter.ListenerKey(7, IPAddress.Parse(first)), PlayCounter.ListenerKey(7, IPAddress.Parse(second)));
    }

    private Task<int> Counter(int id, System.Linq.Expressions.Expression<Func<Track, int>> counter) =>
        _site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).Select(counter).SingleAsync());

    public void Dispose() => _site.Dispose();
}
