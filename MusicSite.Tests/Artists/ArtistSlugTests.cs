using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Artists;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Artists;

public sealed class ArtistSlugTests(ReferenceDataFixture core) : IClassFixture<ReferenceDataFixture>
{
    private async Task<string?> EnsureAsync(int userId)
    {
        await using var scope = core.Scope();
        return await scope.ServiceProvider.GetRequiredService<ArtistSlugs>().EnsureAsync(userId, default);
    }

    private async Task RenameAsync(int userId, string displayName)
    {
        await using var scope = core.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>().UpdateProfileAsync(userId, new ProfileInput(displayName, null));
        Assert.True(result.Succeeded);
    }

    private async Task<ArtistSlugMatch?> ResolveAsync(string slug)
    {
        await using var scope = core.Scope();
        return await scope.ServiceProvider.GetRequiredService<ArtistSlugs>().ResolveAsync(slug, default);
    }

    [Fact]
    public async Task Ensure_FirstNeed_MakesTheSlugFromTheDisplayNameAndKeepsIt()
    {
        var token = ArtistRows.Token();
        var id = await ArtistRows.UserAsync(core.Services, $"Marlow & The Tídes {token}");

        var first = await EnsureAsync(id);
        var second = await EnsureAsync(id);

        Assert.Equal($"marlow-and-the-tides-{token}", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Ensure_SameNameForThreeAccounts_NumbersThemInTheOrderTheyNeedIt()
    {
        var name = $"Twin {ArtistRows.Token()}";
        var ids = new[] { await ArtistRows.UserAsync(core.Services, name), await ArtistRows.UserAsync(core.Services, name), await ArtistRows.UserAsync(core.Services, name) };

        var slugs = new List<string?>();
        foreach (var id in ids)
        {
            slugs.Add(await EnsureAsync(id));
        }

        var expected = Slugify(name);
        Assert.Equal([expected, expected + "-2", expected + "-3"], slugs);
    }

    [Fact]
    public async Task Ensure_NameWithoutLatinLettersOrDigits_UsesTheAccountId()
    {
        var id = await ArtistRows.UserAsync(core.Services, "東京");

        Assert.Equal($"artist-{id}", await EnsureAsync(id));
    }

    [Fact]
    public async Task Rename_ToANameWithAnotherSlug_MovesTheSlugAndTheOldOneLeadsToTheNew()
    {
        var token = ArtistRows.Token();
        var id = await ArtistRows.UserAsync(core.Services, $"Old Name {token}");
        var old = await EnsureAsync(id);

        await RenameAsync(id, $"New Name {token}");

        Assert.Equal($"new-name-{token}", await EnsureAsync(id));
        Assert.Equal(new ArtistSlugMatch(id, $"new-name-{token}", IsCurrent: false), await ResolveAsync(old!));
        Assert.Equal(new ArtistSlugMatch(id, $"new-name-{token}", IsCurrent: true), await ResolveAsync($"new-name-{token}"));
    }

    [Fact]
    public async Task Rename_ToANameWithTheSameSlug_KeepsTheSlugEvenWhenNumbered()
    {
        var name = $"Keeper {ArtistRows.Token()}";
        await EnsureAsync(await ArtistRows.UserAsync(core.Services, name));
        var second = await ArtistRows.UserAsync(core.Services, name);
        var numbered = await EnsureAsync(second);

        await RenameAsync(second, name.ToUpperInvariant() + "!");

        Assert.Equal(Slugify(name) + "-2", numbered);
        Assert.Equal(numbered, await EnsureAsync(second));
    }

    [Fact]
    public async Task RetiredSlug_IsNotGivenToAnotherAccount_AndStillLeadsToItsOwner()
    {
        var name = $"Retiree {ArtistRows.Token()}";
        var first = await ArtistRows.UserAsync(core.Services, name);
        var retired = await EnsureAsync(first);
        await RenameAsync(first, name + " Renamed");

        var newcomer = await ArtistRows.UserAsync(core.Services, name);

        Assert.Equal(retired + "-2", await EnsureAsync(newcomer));
        Assert.Equal(first, (await ResolveAsync(retired!))!.UserId);
    }

    [Fact]
    public async Task Rename_BackToTheFirstName_TakesTheFirstSlugBack()
    {
        var name = $"Boomerang {ArtistRows.Token()}";
        var id = await ArtistRows.UserAsync(core.Services, name);
        var original = await EnsureAsync(id);
        await RenameAsync(id, name + " Elsewhere");

        await RenameAsync(id, name);

        Assert.Equal(original, await EnsureAsync(id));
        Assert.True((await ResolveAsync(original!))!.IsCurrent);
        Assert.False((await ResolveAsync(Slugify(name + " Elsewhere")))!.IsCurrent);
    }

    [Fact]
    public async Task Resolve_OtherLetterCase_LeadsToTheCurrentSlugAsARedirect()
    {
        var id = await ArtistRows.UserAsync(core.Services, $"Case {ArtistRows.Token()}");
        var slug = await EnsureAsync(id);

        Assert.Equal(new ArtistSlugMatch(id, slug!, IsCurrent: false), await ResolveAsync(slug!.ToUpperInvariant()));
        Assert.Null(await ResolveAsync("no-such-artist-" + ArtistRows.Token()));
    }

    [Fact]
    public async Task Find_ArtistWithoutASlugYet_MakesItWhenFirstNeeded()
    {
        var id = await ArtistRows.UserAsync(core.Services, $"Publisher {ArtistRows.Token()}");
        await ArtistRows.TrackAsync(core.Services, id, "First light");
        await using var scope = core.Scope();
        var artists = scope.ServiceProvider.GetRequiredService<ArtistDirectory>();

        var profile = await artists.FindAsync(id, Viewer.Anonymous, default);

        Assert.NotNull(profile);
        Assert.Equal(profile.Slug, (await ResolveAsync(profile.Slug))!.CurrentSlug);
    }

    private static string Slugify(string name) => MusicSite.Common.Slug.From(name);
}
