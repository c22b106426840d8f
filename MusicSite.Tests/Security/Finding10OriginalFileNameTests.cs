using System.Text.Json;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>Security finding 10: the uploader's local file name is theirs; public track JSON must not show it.</summary>
[Trait("Category", "Slow")]
public sealed class Finding10OriginalFileNameTests : IDisposable
{
    private const string LocalName = "secret-mixdown-v7-FINAL.mp3";
    private readonly MusicSiteFactory _site = new MusicSiteFactory().WithAdmin();
    private readonly TempDirectory _files = new("musicsite-filename");

    [Fact]
    public async Task Finding10_TrackJson_ShowsTheLocalFileNameToOwnerAndAdminOnly()
    {
        var owner = await _site.ArtistClientAsync();
        var form = TrackUploads.Form(MediaFixtures.Audio(_files.Path, "mp3", 2), [("title", "Named Upload")], fileName: LocalName);
        var created = await owner.PostAsync("/api/music/tracks", form);
        Assert.Equal(201, (int)created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        await owner.WaitForProcessingAsync(id);
        var stranger = await _site.SignedInClientAsync($"stranger-{Guid.NewGuid():N}@example.com");
        var admin = await _site.AdminClientAsync();

        Assert.Equal(LocalName, await FileNameSeenBy(owner, id));
        Assert.Equal(LocalName, await FileNameSeenBy(admin, id));
        Assert.Null(await FileNameSeenBy(stranger, id));
        Assert.Null(await FileNameSeenBy(_site.CreateClient(), id));
        foreach (var client in new[] { stranger, _site.CreateClient() })
        {
            var list = await (await client.GetAsync("/api/music/tracks")).Content.ReadAsStringAsync();
            Assert.Contains("Named Upload", list);
            Assert.DoesNotContain("secret-mixdown", list);
            Assert.DoesNotContain("secret-mixdown", await (await client.GetAsync($"/tracks/{id}")).Content.ReadAsStringAsync());
        }
    }

    private static async Task<string?> FileNameSeenBy(HttpClient client, int id)
    {
        var response = await client.GetAsync($"/api/music/tracks/{id}");
        var track = await response.JsonAsync();
        Assert.Equal(200, (int)response.StatusCode);
        return track.GetProperty("audio").TryGetProperty("originalFileName", out var name) && name.ValueKind != JsonValueKind.Null
            ? name.GetString()
            : null;
    }

    public void Dispose()
    {
        _site.Dispose();
        _files.Dispose();
    }
}
