using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Api;

/// <summary>Every timestamp the API writes is UTC in RFC 3339 form, with its "Z", also after a round trip through SQLite.</summary>
[Trait("Category", "Slow")]
public sealed partial class TimestampTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Fact]
    public async Task AuthMe_CreatedAt_IsUtcWithZ()
    {
        var client = await site.SignedInClientAsync($"clock-{Guid.NewGuid():N}@example.com");

        var me = await (await client.GetAsync("/api/auth/me")).JsonAsync();

        AssertUtc(me.GetProperty("createdAt"));
    }

    [Fact]
    public async Task TrackDetailAndList_Timestamps_AreUtcWithZ()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Clockwork Tone", seconds: 2);
        var client = site.CreateClient();

        var track = await (await client.GetAsync($"/api/music/tracks/{id}")).JsonAsync();
        var list = await (await client.GetAsync("/api/music/tracks")).JsonAsync();

        AssertUtc(track.GetProperty("createdAt"));
        AssertUtc(track.GetProperty("updatedAt"));
        var listed = list.GetProperty("data").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == id);
        AssertUtc(listed.GetProperty("createdAt"));
    }

    private static void AssertUtc(JsonElement value)
    {
        var text = value.GetString()!;
        Assert.Matches(Rfc3339Utc(), text);
        var parsed = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        // Written a moment ago: read as UTC it is close to now, whatever the machine's time zone.
        Assert.InRange(DateTimeOffset.UtcNow - parsed, TimeSpan.FromSeconds(-5), TimeSpan.FromMinutes(10));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Rfc3339Utc();
}
