using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Api;

/// <summary>The stream endpoint the player uses: access before the first byte, Range, HEAD.</summary>
[Trait("Category", "Slow")]
public sealed class StreamAccessTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Fact]
    public async Task PublicTrack_StreamsWholeAndByRange()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Public Tone", seconds: 4);
        var client = site.CreateClient();

        var whole = await client.GetAsync($"/api/music/stream/{id}");
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal(200, (int)whole.StatusCode);
        Assert.Equal("audio/mpeg", whole.Content.Headers.ContentType?.MediaType);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.NotNull(whole.Headers.ETag);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/music/stream/{id}");
        request.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await client.SendAsync(request);
        Assert.Equal(206, (int)partial.StatusCode);
        Assert.Equal(bytes[100..200], await partial.Content.ReadAsByteArrayAsync());

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/music/stream/{id}"));
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task PrivateTrack_Is404ToOthers_AndPlaysForItsOwner()
    {
        var ownerEmail = $"owner-{Guid.NewGuid():N}@example.com";
        var owner = await site.SignedInClientAsync(ownerEmail);
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Private Tone", seconds: 3, isPublic: false, uploaderEmail: ownerEmail);
        var stranger = await site.SignedInClientAsync($"stranger-{Guid.NewGuid():N}@example.com");

        await (await site.CreateClient().GetAsync($"/api/music/stream/{id}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await stranger.GetAsync($"/api/music/stream/{id}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        var anonymousHead = await site.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/music/stream/{id}"));
        Assert.Equal(404, (int)anonymousHead.StatusCode);

        var own = await owner.GetAsync($"/api/music/stream/{id}");
        Assert.Equal(200, (int)own.StatusCode);
        Assert.DoesNotContain("Private Tone", await (await site.CreateClient().GetAsync("/")).Content.ReadAsStringAsync());
    }
}
