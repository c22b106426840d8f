using System.Text.Json;
using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>Creating and editing genres: field rules, unique names and slugs (retired ones too), slug retirement on
/// rename, cycles refused at every depth, and an audit entry with every change and none with a refusal.</summary>
public sealed class GenreCurationTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    private readonly GenreRows rows = new(core.Services);

    private Task<ServiceResult<GenreListItem>> CreateAsync(GenreInput input) =>
        rows.CurateAsync(c => c.CreateAsync(input, GenreRows.Curator, CancellationToken.None));

    private Task<ServiceResult<GenreListItem>> UpdateAsync(int id, GenreInput input) =>
        rows.CurateAsync(c => c.UpdateAsync(id, input, GenreRows.Curator, CancellationToken.None));

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Create_TrimsAndMakesTheSlug_RecordsTheAuditEntry()
    {
        var name = Unique("Tape Music & Drones");
        var parent = await rows.GenreAsync(Unique("Parent"));

        var result = await CreateAsync(new GenreInput($"  {name}  ", null, "  Hiss.  ", parent));

        Assert.True(result.Succeeded);
        var created = result.Value!;
        Assert.Equal((name, Slug.From(name), "Hiss.", (int?)parent), (created.Name, created.Slug, created.Description, created.ParentId));
        var entry = Assert.Single(await rows.AuditAsync(created.Id));
        Assert.Equal(("genre.create", "curator", "203.0.113.7", "GenreTests/1.0"), (entry.Action, entry.ActorName, entry.ClientAddress, entry.UserAgent));
        Assert.Null(entry.Before);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.Equal(name, after.RootElement.GetProperty("name").GetString());
        Assert.Equal(created.Slug, after.RootElement.GetProperty("slug").GetString());
        Assert.Equal(parent, after.RootElement.GetProperty("parentId").GetInt32());
    }

    public static TheoryData<string?, string?, string?, string> BadFields => new()
    {
        { null, null, null, "name" },
        { "   ", null, null, "name" },
        { new string('n', 101), null, null, "name" },
        { "Line\nbreak", null, null, "name" },
        { "Good name", "Upper-Case", null, "slug" },
        { "Good name", "two--dashes", null, "slug" },
        { "Good name", "-edge", null, "slug" },
        { "Good name", "sp ace", null, "slug" },
        { "Good name", new string('s', 121), null, "slug" },
        { "!!!", null, null, "slug" },
        { "Good name", null, new string('d', 501), "description" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Create_BadField_IsRefusedWithTheFieldAndNoAuditEntry(string? name, string? slug, string? description, string field)
    {
        var audited = await rows.AuditCountAsync();

        var result = await CreateAsync(new GenreInput(name, slug, description, null));

        Assert.Equal(ErrorCodes.ValidationFailed, result.Code);
        Assert.NotEmpty(result.Errors.For(field));
        Assert.Equal(audited, await rows.AuditCountAsync());
    }

    [Fact]
    public async Task Create_NameOrSlugTaken_IsGenreExists()
    {
        var name = Unique("Shoegaze");
        Assert.True((await CreateAsync(new GenreInput(name, null, null, null))).Succeeded);
        var audited = await rows.AuditCountAsync();

        var sameName = await CreateAsync(new GenreInput(name.ToUpperInvariant(), "another-address", null, null));
        var sameSlug = await CreateAsync(new GenreInput(Unique("Other"), Slug.From(name), null, null));

        Assert.Equal(ErrorCodes.GenreExists, sameName.Code);
        Assert.NotEmpty(sameName.Errors.For("name"));
        Assert.Equal(ErrorCodes.GenreExists, sameSlug.Code);
        Assert.NotEmpty(sameSlug.Errors.For("slug"));
        Assert.Equal(audited, await rows.AuditCountAsync());
    }

    [Fact]
    public async Task Create_SameNameAtTheSameMoment_LeavesOneGenre()
    {
        var name = Unique("Race");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => CreateAsync(new GenreInput(name, null, null, null)))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ErrorCodes.GenreExists, r.Code));
        Assert.Single(await rows.ReadAsync(db => db.Genres.Where(g => g.Name == name)));
    }

    [Fact]
    public async Task Update_Rename_RetiresTheOldSlugAndTakingItBackRemovesTheRetiredRow()
    {
        var name = Unique("Krautrock");
        var created = (await CreateAsync(new GenreInput(name, null, "Motorik.", null))).Value!;

        var renamed = await UpdateAsync(created.Id, new GenreInput(name + " Revival", null, "Motorik.", null));

        Assert.True(renamed.Succeeded);
        Assert.Equal(Slug.From(name + " Revival"), renamed.Value!.Slug);
        var retired = Assert.Single(await rows.ReadAsync(db => db.RetiredGenreSlugs.Where(r => r.Slug == created.Slug)));
        Assert.Equal(created.Id, retired.GenreId);
        // Nobody else may take the retired slug...
        var other = await CreateAsync(new GenreInput(Unique("Thief"), created.Slug, null, null));
        Assert.Equal(ErrorCodes.GenreExists, other.Code);
        Assert.NotEmpty(other.Errors.For("slug"));
        // ...but the genre itself may, and the other slug is retired in turn.
        var back = await UpdateAsync(created.Id, new GenreInput(name, created.Slug, "Motorik.", null));
        Assert.True(back.Succeeded);
        Assert.Equal(created.Slug, back.Value!.Slug);
        Assert.Equal([renamed.Value.Slug], (await rows.ReadAsync(db => db.RetiredGenreSlugs.Where(r => r.GenreId == created.Id)))
            .Select(r => r.Slug));

        var entries = await rows.AuditAsync(created.Id);
        Assert.Equal(["genre.create", "genre.update", "genre.update"], entries.Select(e => e.Action));
        using var before = JsonDocument.Parse(entries[1].Before!);
        using var after = JsonDocument.Parse(entries[1].After!);
        Assert.Equal(created.Slug, before.RootElement.GetProperty("slug").GetString());
        Assert.Equal(renamed.Value.Slug, after.RootElement.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Update_SameValues_RecordsNothing()
    {
        var created = (await CreateAsync(new GenreInput(Unique("Still"), null, null, null))).Value!;

        var result = await UpdateAsync(created.Id, new GenreInput(created.Name, created.Slug, null, null));

        Assert.True(result.Succeeded);
        Assert.Single(await rows.AuditAsync(created.Id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    public async Task Update_ParentInItsOwnSubtree_IsGenreCycleAtAnyDepth(int depth)
    {
        var root = (await CreateAsync(new GenreInput(Unique("Root"), null, null, null))).Value!;
        var chain = await rows.ChainAsync(root.Id, 9);
        var target = depth == 0 ? root.Id : chain[depth - 1];
        var audited = await rows.AuditCountAsync();

        var result = await UpdateAsync(root.Id, new GenreInput(root.Name, root.Slug, null, target));

        Assert.Equal(ErrorCodes.GenreCycle, result.Code);
        Assert.NotEmpty(result.Errors.For("parentId"));
        Assert.Null((await rows.FindAsync(root.Id))!.ParentId);
        Assert.Equal(audited, await rows.AuditCountAsync());
    }

    [Fact]
    public async Task Update_MoveUnderAnotherBranch_MovesTheSubtree()
    {
        var a = await rows.GenreAsync(Unique("Branch A"));
        var b = await rows.GenreAsync(Unique("Branch B"));
        var chain = await rows.ChainAsync(a, 3);
        var moving = (await rows.FindAsync(chain[0]))!;

        var result = await UpdateAsync(moving.Id, new GenreInput(moving.Name, moving.Slug, null, b));

        Assert.True(result.Succeeded);
        var underB = await rows.ReadAsync(db => db.GenreClosure.Where(c => c.AncestorId == b && c.Depth > 0).Select(c => c.DescendantId));
        Assert.Equal(chain.Order(), underB.Order());
        Assert.Empty(await rows.ReadAsync(db => db.GenreClosure.Where(c => c.AncestorId == a && c.Depth > 0)));
    }

    [Fact]
    public async Task Update_UnknownGenreOrParent_IsGenreNotFound()
    {
        var genre = (await CreateAsync(new GenreInput(Unique("Known"), null, null, null))).Value!;

        var unknown = await UpdateAsync(int.MaxValue, new GenreInput("Whatever", null, null, null));
        var unknownParent = await UpdateAsync(genre.Id, new GenreInput(genre.Name, null, null, int.MaxValue));

        Assert.Equal(ErrorCodes.GenreNotFound, unknown.Code);
        Assert.Equal(ErrorCodes.GenreNotFound, unknownParent.Code);
        Assert.NotEmpty(unknownParent.Errors.For("parentId"));
    }
}
