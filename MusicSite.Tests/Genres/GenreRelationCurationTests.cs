using System.Text.Json;
using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Genres;

/// <summary>Curated relations: one per pair whichever way round, weight and kind checked, each change audited.</summary>
public sealed class GenreRelationCurationTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    private readonly GenreRows rows = new(core.Services);

    private Task<ServiceResult<bool>> RelateAsync(int id, int otherId, GenreRelationKind kind, double weight) =>
        rows.CurateAsync(c => c.RelateAsync(id, otherId, new GenreRelationInput(kind, weight), GenreRows.Curator, default));

    private async Task<(int, int)> PairAsync() =>
        (await rows.GenreAsync($"A {Guid.NewGuid():N}"), await rows.GenreAsync($"B {Guid.NewGuid():N}"));

    [Fact]
    public async Task Relate_ThenFromTheOtherSide_UpdatesTheOneRelation()
    {
        var (a, b) = await PairAsync();

        var created = await RelateAsync(a, b, GenreRelationKind.Related, 0.4);
        var updated = await RelateAsync(b, a, GenreRelationKind.Similar, 0.9);

        Assert.True(created.Value);
        Assert.False(updated.Value);
        var relation = Assert.Single(await rows.ReadAsync(db => db.GenreRelations.Where(r => r.FromGenreId == a || r.FromGenreId == b)));
        Assert.Equal((a, b, GenreRelationKind.Similar, 0.9), (relation.FromGenreId, relation.ToGenreId, relation.Kind, relation.Weight));
        var entry = Assert.Single(await rows.AuditAsync(b));
        Assert.Equal("genre.relate", entry.Action);
        using var before = JsonDocument.Parse(entry.Before!);
        using var after = JsonDocument.Parse(entry.After!);
        Assert.Equal((a, "related", 0.4), (before.RootElement.GetProperty("otherId").GetInt32(),
            before.RootElement.GetProperty("kind").GetString(), before.RootElement.GetProperty("weight").GetDouble()));
        Assert.Equal("similar", after.RootElement.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData(0.0, "weight")]
    [InlineData(0.09, "weight")]
    [InlineData(1.01, "weight")]
    [InlineData(double.NaN, "weight")]
    public async Task Relate_WeightOutOfRange_IsAFieldError(double weight, string field)
    {
        var (a, b) = await PairAsync();

        var result = await RelateAsync(a, b, GenreRelationKind.Related, weight);

        Assert.Equal(ErrorCodes.ValidationFailed, result.Code);
        Assert.NotEmpty(result.Errors.For(field));
        Assert.Empty(await rows.ReadAsync(db => db.GenreRelations.Where(r => r.FromGenreId == a)));
    }

    [Fact]
    public async Task Relate_ToItselfOrAnUnknownKindOrGenre_IsRefused()
    {
        var (a, _) = await PairAsync();

        Assert.NotEmpty((await RelateAsync(a, a, GenreRelationKind.Related, 0.5)).Errors.For("otherId"));
        Assert.NotEmpty((await RelateAsync(a, a + 1000, (GenreRelationKind)7, 0.5)).Errors.For("kind"));
        var unknown = await RelateAsync(a, int.MaxValue, GenreRelationKind.Related, 0.5);
        Assert.Equal(ErrorCodes.GenreNotFound, unknown.Code);
        Assert.NotEmpty(unknown.Errors.For("otherId"));
        Assert.Empty(await rows.AuditAsync(a));
    }

    [Fact]
    public async Task Unrelate_RemovesEitherWayRoundAndIsAuditedOnce()
    {
        var (a, b) = await PairAsync();
        await rows.RelationAsync(b, a, 0.7);

        var removed = await rows.CurateAsync(c => c.UnrelateAsync(a, b, GenreRows.Curator, default));
        var again = await rows.CurateAsync(c => c.UnrelateAsync(a, b, GenreRows.Curator, default));

        Assert.True(removed.Value);
        Assert.False(again.Value);
        Assert.Empty(await rows.ReadAsync(db => db.GenreRelations.Where(r => r.FromGenreId == b)));
        var entry = Assert.Single(await rows.AuditAsync(a));
        Assert.Equal("genre.unrelate", entry.Action);
        Assert.Null(entry.After);
    }
}
