using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Genres;
using MusicSite.Tests.Artists;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>
/// The genre curation pages as a browser without JavaScript uses them: plain form posts with the antiforgery token,
/// answered by a redirect with a status message, or by the page again with the message and field errors. Admins only:
/// anonymous visitors are sent to sign in, everyone else gets the 403 page.
/// </summary>
public sealed class AdminGenrePagesTests : IClassFixture<MusicSiteFactory>
{
    private readonly MusicSiteFactory _site;

    public AdminGenrePagesTests(MusicSiteFactory site)
    {
        _site = site.WithAdmin();
    }

    private Task<HttpClient> AdminAsync() => _site.SignedInCookieClientAsync(TrackUploads.AdminEmail, TrackUploads.AdminPassword);

    [Theory]
    [InlineData("/admin/genres")]
    [InlineData("/admin/genres/{id}")]
    [InlineData("/admin/genres/{id}/merge?into={other}")]
    [InlineData("/admin/genres/{id}/delete")]
    public async Task AdminGenrePage_Anonymous_RedirectsToSignIn(string path)
    {
        var response = await _site.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(await PathAsync(path));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/admin/genres", "Listener")]
    [InlineData("/admin/genres/{id}", "Artist")]
    [InlineData("/admin/genres/{id}/merge?into={other}", "Listener")]
    [InlineData("/admin/genres/{id}/delete", "Artist")]
    public async Task AdminGenrePage_SignedInNonAdmin_GetsThe403Page(string path, string accountType)
    {
        var client = await _site.CookieClientAsync(accountType);

        var denied = await client.GetAsync(await PathAsync(path));

        Assert.Equal(403, (int)denied.StatusCode);
        Assert.Contains("You do not have access to this page", await denied.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NonAdminPost_ToACurationForm_IsRefusedAndChangesNothing()
    {
        var (id, _) = await FamilyAsync();
        var client = await _site.CookieClientAsync("Artist");
        var token = await PageSessions.AntiforgeryTokenAsync(client);

        var response = await client.PostAsync($"/admin/genres/{id}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("_handler", "genre-details"), new("name", "Taken Over"), new("parentId", "")]));

        Assert.Equal(403, (int)response.StatusCode);
        Assert.NotEqual("Taken Over", (await GenreAsync(id))!.Name);
    }

    [Fact]
    public async Task Header_ShowsTheAdminLinkToAdminsOnly_AndTheAdminMenuLeadsToCuration()
    {
        var admin = await Document(await AdminAsync(), "/");
        var listener = await Document(await _site.CookieClientAsync("Listener"), "/");
        var dashboard = await Document(await AdminAsync(), "/admin");

        Assert.Equal("Admin", admin.QuerySelector("header nav a[href='/admin']")?.TextContent);
        Assert.Null(admin.QuerySelector("header nav a[href^='/admin/']"));
        Assert.Null(listener.QuerySelector("header nav a[href^='/admin']"));
        Assert.NotNull(dashboard.QuerySelector("nav.admin-nav a[href='/admin/genres']"));
    }

    [Fact]
    public async Task PublicGenrePage_ShowsEditGenreToAdminsOnly()
    {
        var techno = await IdAsync("techno");
        var admin = await Document(await AdminAsync(), "/genres/techno");
        var anonymous = await Document(_site.CreateClient(), "/genres/techno");

        Assert.Equal($"/admin/genres/{techno}", admin.QuerySelector("[data-testid=edit-genre]")?.GetAttribute("href"));
        Assert.Null(anonymous.QuerySelector("[data-testid=edit-genre]"));
    }

    [Fact]
    public async Task NewGenreForm_Posted_CreatesItUnderItsParentAndListsIt()
    {
        var admin = await AdminAsync();
        var techno = await IdAsync("techno");
        var name = $"Harbour Techno {Guid.NewGuid():N}"[..24];

        var response = await admin.PostNamedFormAsync("/admin/genres", "new-genre",
            [new("name", name), new("slug", ""), new("description", "Foghorns at 130."), new("parentId", techno.ToString())]);

        Assert.Equal(302, (int)response.StatusCode);
        var created = await _site.WithDbAsync(db => db.Genres.SingleAsync(g => g.Name == name));
        Assert.Equal($"/admin/genres/{created.Id}?done=created", response.Headers.Location!.PathAndQuery);
        Assert.Equal(techno, created.ParentId);
        Assert.Equal("Foghorns at 130.", created.Description);
        var page = await Document(admin, response.Headers.Location.PathAndQuery);
        Assert.Equal("The genre is created.", page.QuerySelector("[data-testid=genre-done]")?.TextContent);
        var list = await Document(admin, "/admin/genres?q=" + Uri.EscapeDataString(name));
        var row = Assert.Single(list.QuerySelectorAll("main table tbody tr"));
        Assert.Equal($"/admin/genres/{created.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Techno ›", row.TextContent);
        var entry = await _site.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "genre.create" && e.EntityId == created.Id.ToString()));
        var adminId = await _site.WithDbAsync(db => db.Users.Where(u => u.Email == TrackUploads.AdminEmail).Select(u => u.Id).SingleAsync());
        Assert.Equal(adminId, entry.ActorId);
    }

    [Fact]
    public async Task NewGenreForm_TakenSlug_ShowsTheExistsMessageAndKeepsWhatWasTyped()
    {
        var admin = await AdminAsync();
        var before = await _site.CountAsync<Genre>();

        var response = await admin.PostNamedFormAsync("/admin/genres", "new-genre",
            [new("name", "Another Techno"), new("slug", "techno"), new("description", "Typed text"), new("parentId", "")]);

        Assert.Equal(200, (int)response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Another genre already has this name or slug", page.QuerySelector("main [role=alert]")!.TextContent);
        Assert.Equal("Another Techno", page.QuerySelector("#name")!.GetAttribute("value"));
        Assert.Equal("Typed text", page.QuerySelector("#description")!.TextContent);
        Assert.Equal(before, await _site.CountAsync<Genre>());
    }

    [Fact]
    public async Task NewGenreForm_EmptyName_ShowsTheFieldError()
    {
        var response = await (await AdminAsync()).PostNamedFormAsync("/admin/genres", "new-genre",
            [new("name", ""), new("slug", ""), new("parentId", "")]);

        Assert.Equal(200, (int)response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("#name-error"));
    }

    [Fact]
    public async Task DetailsForm_RenameAndMoveToTheTop_SavesAndSaysSo()
    {
        var (parent, child) = await FamilyAsync();
        var admin = await AdminAsync();

        var response = await admin.PostNamedFormAsync($"/admin/genres/{child}", "genre-details",
            [new("name", "Renamed Child"), new("slug", ""), new("description", ""), new("parentId", "")]);

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal($"/admin/genres/{child}?done=saved", response.Headers.Location!.PathAndQuery);
        var saved = (await GenreAsync(child))!;
        Assert.Equal(("Renamed Child", (int?)null), (saved.Name, saved.ParentId));
        Assert.NotEqual(parent, saved.ParentId);
    }

    [Fact]
    public async Task DetailsForm_MoveUnderItsOwnSubgenre_ShowsTheCycleMessageAndChangesNothing()
    {
        var techno = await IdAsync("techno");
        var detroit = await IdAsync("detroit-techno");
        var before = await GenreAsync(techno);
        var admin = await AdminAsync();

        var response = await admin.PostNamedFormAsync($"/admin/genres/{techno}", "genre-details",
            [new("name", "Techno"), new("slug", "techno"), new("description", before!.Description ?? ""), new("parentId", detroit.ToString())]);

        Assert.Equal(200, (int)response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("Techno cannot go under Detroit Techno: it is one of its subgenres.",
            page.QuerySelector("[data-testid=genre-problem]")?.TextContent);
        Assert.Equal(before.ParentId, (await GenreAsync(techno))!.ParentId);
        Assert.Equal(techno, (await GenreAsync(detroit))!.ParentId);
    }

    [Fact]
    public async Task DetailsForm_ParentSelect_LeavesOutTheGenreAndItsSubgenres()
    {
        var (parent, child) = await FamilyAsync();

        var page = await Document(await AdminAsync(), $"/admin/genres/{parent}");

        var options = page.QuerySelectorAll("#parentId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.DoesNotContain(parent.ToString(), options);
        Assert.DoesNotContain(child.ToString(), options);
        Assert.Contains((await IdAsync("techno")).ToString(), options);
    }

    [Fact]
    public async Task MergePage_Confirmed_MovesTracksAlbumsAndSubgenresAndDeletesTheSource()
    {
        var (source, child) = await FamilyAsync();
        var (target, _) = await FamilyAsync();
        var tracks = new[] { await TrackAsync(source), await TrackAsync(source) };
        var album = await AlbumAsync(source);
        var admin = await AdminAsync();
        var path = $"/admin/genres/{source}/merge?into={target}";

        var review = await Document(admin, path);
        Assert.Contains("2 tracks, 1 album and 1 subgenre", review.QuerySelector("[data-testid=merge-summary]")!.TextContent);
        var unconfirmed = await admin.PostNamedFormAsync(path, "merge-genre", [new("into", target.ToString())]);
        Assert.Equal(200, (int)unconfirmed.StatusCode);
        Assert.NotNull(await GenreAsync(source));

        var merged = await admin.PostNamedFormAsync(path, "merge-genre", [new("into", target.ToString()), new("confirm", "yes")]);

        Assert.Equal(302, (int)merged.StatusCode);
        Assert.Equal($"/admin/genres/{target}?done=merged", merged.Headers.Location!.PathAndQuery);
        Assert.Null(await GenreAsync(source));
        Assert.Equal(target, (await GenreAsync(child))!.ParentId);
        foreach (var track in tracks)
        {
            Assert.Equal([target], await _site.WithDbAsync(db => db.TrackGenres.Where(g => g.TrackId == track).Select(g => g.GenreId).ToListAsync()));
        }
        Assert.Equal([target], await _site.WithDbAsync(db => db.AlbumGenres.Where(g => g.AlbumId == album).Select(g => g.GenreId).ToListAsync()));
    }

    [Fact]
    public async Task MergePage_IntoItsOwnSubgenre_ShowsTheCycleMessageAndChangesNothing()
    {
        var (source, child) = await FamilyAsync();
        var admin = await AdminAsync();
        var path = $"/admin/genres/{source}/merge?into={child}";

        var response = await admin.PostNamedFormAsync(path, "merge-genre", [new("into", child.ToString()), new("confirm", "yes")]);

        Assert.Equal(200, (int)response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var (sourceName, childName) = ((await GenreAsync(source))!.Name, (await GenreAsync(child))!.Name);
        Assert.Equal($"{sourceName} cannot be merged into {childName}: it is one of its subgenres.",
            page.QuerySelector("[data-testid=genre-problem]")?.TextContent);
        Assert.Null(page.QuerySelector("form[method=post] button.danger"));
        Assert.Equal(source, (await GenreAsync(child))!.ParentId);
    }

    [Fact]
    public async Task DeletePage_NotEmptyWithoutReassign_SaysWhatItHoldsAndKeepsIt()
    {
        var (parent, _) = await FamilyAsync();
        await TrackAsync(parent);
        var admin = await AdminAsync();

        var response = await admin.PostNamedFormAsync($"/admin/genres/{parent}/delete", "delete-genre",
            [new("reassignTo", ""), new("confirm", "yes")]);

        Assert.Equal(200, (int)response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var name = (await GenreAsync(parent))!.Name;
        Assert.Equal($"{name} still has 1 track and 1 subgenre: choose a genre to move them to.",
            page.QuerySelector("[data-testid=genre-problem]")?.TextContent);
    }

    [Fact]
    public async Task DeletePage_WithReassign_MovesTheContentsAndDeletes()
    {
        var (parent, child) = await FamilyAsync();
        var track = await TrackAsync(parent);
        var (target, _) = await FamilyAsync();
        var admin = await AdminAsync();

        var response = await admin.PostNamedFormAsync($"/admin/genres/{parent}/delete", "delete-genre",
            [new("reassignTo", target.ToString()), new("confirm", "yes")]);

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/admin/genres?done=deleted", response.Headers.Location!.PathAndQuery);
        Assert.Null(await GenreAsync(parent));
        Assert.Equal(target, (await GenreAsync(child))!.ParentId);
        Assert.Equal([target], await _site.WithDbAsync(db => db.TrackGenres.Where(g => g.TrackId == track).Select(g => g.GenreId).ToListAsync()));
    }

    [Fact]
    public async Task RelationForms_AddThenRemove_ListAndUnlistTheRelation()
    {
        var (genre, _) = await FamilyAsync();
        var house = await IdAsync("house");
        var admin = await AdminAsync();
        var path = $"/admin/genres/{genre}";

        var added = await admin.PostNamedFormAsync(path, "genre-relate", [new("otherId", house.ToString()), new("kind", "similar"), new("weight", "0.7")]);
        Assert.Equal(302, (int)added.StatusCode);
        var row = Assert.Single((await Document(admin, path)).QuerySelectorAll(".admin-relations tbody tr"));
        Assert.Equal(["House", "Similar", "0.7"], row.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim()));

        var removed = await admin.PostNamedFormAsync(path, "genre-unrelate", [new("otherId", house.ToString())]);

        Assert.Equal(302, (int)removed.StatusCode);
        Assert.Empty((await Document(admin, path)).QuerySelectorAll(".admin-relations tbody tr"));
    }

    [Theory]
    [InlineData("related", "7", "weight")]
    [InlineData("related", "heavy", "weight")]
    [InlineData("cousin", "0.5", "kind")]
    public async Task RelationForm_BadKindOrWeight_ShowsTheFieldError(string kind, string weight, string field)
    {
        var (genre, _) = await FamilyAsync();
        var admin = await AdminAsync();

        var response = await admin.PostNamedFormAsync($"/admin/genres/{genre}", "genre-relate",
            [new("otherId", (await IdAsync("house")).ToString()), new("kind", kind), new("weight", weight)]);

        Assert.Equal(200, (int)response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector($"#{field}-error"));
        Assert.Equal(0, await _site.WithDbAsync(db => db.GenreRelations.CountAsync(r => r.FromGenreId == genre || r.ToGenreId == genre)));
    }

    private static async Task<IDocument> Document(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(200 == (int)response.StatusCode, $"{path}: {(int)response.StatusCode}");
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> PathAsync(string template) =>
        template.Replace("{id}", (await IdAsync("techno")).ToString()).Replace("{other}", (await IdAsync("house")).ToString());

    private Task<int> IdAsync(string slug) => _site.WithDbAsync(db => db.Genres.Where(g => g.Slug == slug).Select(g => g.Id).SingleAsync());

    private Task<Genre?> GenreAsync(int id) => _site.WithDbAsync(db => db.Genres.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id));

    /// <summary>A new top-level genre with one subgenre, both with fresh names: (parent, child).</summary>
    private Task<(int, int)> FamilyAsync() => _site.WithDbAsync(async db =>
    {
        var key = Guid.NewGuid().ToString("N")[..8];
        var parent = new Genre { Name = $"Fold {key}", Slug = $"fold-{key}" };
        db.Genres.Add(parent);
        await db.SaveChangesAsync();
        var child = new Genre { Name = $"Fold {key} Dub", Slug = $"fold-{key}-dub", ParentId = parent.Id };
        db.Genres.Add(child);
        await db.SaveChangesAsync();
        return (parent.Id, child.Id);
    });

    private async Task<int> TrackAsync(int genreId)
    {
        var track = await ArtistRows.TrackAsync(_site.Services, await ArtistRows.UserAsync(_site.Services, "Tagger"), "Tagged");
        await _site.WithDbAsync(async db =>
        {
            db.TrackGenres.Add(new TrackGenre { TrackId = track, GenreId = genreId });
            return await db.SaveChangesAsync();
        });
        return track;
    }

    private async Task<int> AlbumAsync(int genreId)
    {
        var album = await ArtistRows.AlbumAsync(_site.Services, await ArtistRows.UserAsync(_site.Services, "Album maker"), "Tagged album");
        await _site.WithDbAsync(async db =>
        {
            db.AlbumGenres.Add(new AlbumGenre { AlbumId = album, GenreId = genreId });
            return await db.SaveChangesAsync();
        });
        return album;
    }
}
