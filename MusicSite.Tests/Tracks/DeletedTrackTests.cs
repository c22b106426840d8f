using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Tracks;

/// <summary>Deleted is not missing: a deleted track answers 410 Gone in the API and on its page; a track that never
/// existed, and someone else's private track (deleted or not), stay 404.</summary>
[Trait("Category", "Slow")]
public sealed class DeletedTrackTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Theory]
    [InlineData("/api/music/tracks/{id}")]
    [InlineData("/api/music/stream/{id}")]
    [InlineData("/api/music/download/{id}")]
    [InlineData("/api/music/tracks/{id}/waveform")]
    [InlineData("/api/music/tracks/{id}/artwork")]
    public async Task DeletedTrack_InTheApi_Is410_MissingAndPrivateStay404(string template)
    {
        var (deletedId, privateDeletedId, privateId) = await ArrangeAsync();
        var anonymous = site.CreateClient();

        await (await anonymous.GetAsync(template.Replace("{id}", deletedId.ToString()))).ProblemAsync(410, "TRACK_DELETED");
        await (await anonymous.GetAsync(template.Replace("{id}", "999999"))).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await anonymous.GetAsync(template.Replace("{id}", privateId.ToString()))).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await anonymous.GetAsync(template.Replace("{id}", privateDeletedId.ToString()))).ProblemAsync(404, "TRACK_NOT_FOUND");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DeletedTrack_OnItsPage_IsTheLaidOut410(bool signedIn)
    {
        var (deletedId, _, _) = await ArrangeAsync();
        var client = signedIn ? await site.CookieClientAsync() : site.CreateClient();

        var response = await client.GetAsync($"/tracks/{deletedId}");

        Assert.Equal(410, (int)response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("This track was deleted", doc.QuerySelector("main#main h1")?.TextContent);
        Assert.NotNull(doc.QuerySelector("header#site-header nav[aria-label=Main]"));
        Assert.Equal(signedIn, doc.QuerySelector("[data-testid=account-name]") is not null);
    }

    private async Task<(int Deleted, int PrivateDeleted, int Private)> ArrangeAsync()
    {
        var deleted = await TestCatalog.AddReadyTrackAsync(site.Services, "Gone soon", 2);
        var privateDeleted = await TestCatalog.AddReadyTrackAsync(site.Services, "Private, gone soon", 2, isPublic: false);
        var privateId = await TestCatalog.AddReadyTrackAsync(site.Services, "Private", 2, isPublic: false);
        await site.WithDbAsync(async db =>
        {
            foreach (var track in db.Tracks.Where(t => t.Id == deleted || t.Id == privateDeleted))
            {
                track.DeletedAt = DateTime.UtcNow;
            }
            return await db.SaveChangesAsync();
        });
        return (deleted, privateDeleted, privateId);
    }
}
