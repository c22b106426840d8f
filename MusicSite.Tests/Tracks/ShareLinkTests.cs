using Microsoft.Extensions.DependencyInjection;
using MusicSite.Playback;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

[Trait("Category", "Slow")]
public sealed class ShareLinkTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Fact]
    public async Task PrivateTrack_PlaysWithItsOwnValidToken_AndNothingElse()
    {
        var privateId = await TestCatalog.AddReadyTrackAsync(site.Services, "Shared Secret", seconds: 2, isPublic: false);
        var otherPrivate = await TestCatalog.AddReadyTrackAsync(site.Services, "Other Secret", seconds: 2, isPublic: false);
        var links = site.Services.GetRequiredService<ShareLinks>();
        var (token, expires) = links.Create(privateId, TimeSpan.FromDays(7));
        var anonymous = site.CreateClient();

        Assert.True(expires > DateTimeOffset.UtcNow.AddDays(6));
        Assert.Equal(200, (int)(await anonymous.GetAsync($"/api/music/stream/{privateId}?token={Uri.EscapeDataString(token)}")).StatusCode);
        await (await anonymous.GetAsync($"/api/music/stream/{privateId}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await anonymous.GetAsync($"/api/music/stream/{otherPrivate}?token={Uri.EscapeDataString(token)}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        var tampered = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await (await anonymous.GetAsync($"/api/music/stream/{privateId}?token={Uri.EscapeDataString(tampered)}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        // The token opens the stream only: the track's details stay private.
        await (await anonymous.GetAsync($"/api/music/tracks/{privateId}?token={Uri.EscapeDataString(token)}")).ProblemAsync(404, "TRACK_NOT_FOUND");
    }

    [Fact]
    public async Task ShareLink_PastItsExpiryOnTheSiteClock_NoLongerPlays()
    {
        using var clocked = new ClockedSite();
        var id = await TestCatalog.AddReadyTrackAsync(clocked.Services, "Brief Secret", seconds: 2, isPublic: false);
        var (token, expires) = clocked.Services.GetRequiredService<ShareLinks>().Create(id, TimeSpan.FromHours(1));
        var url = $"/api/music/stream/{id}?token={Uri.EscapeDataString(token)}";
        var anonymous = clocked.CreateClient();

        Assert.Equal(clocked.Clock.GetUtcNow() + TimeSpan.FromHours(1), expires);
        clocked.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(200, (int)(await anonymous.GetAsync(url)).StatusCode);

        clocked.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await anonymous.GetAsync(url)).ProblemAsync(404, "TRACK_NOT_FOUND");
    }
}
