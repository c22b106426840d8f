using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Seeding;

namespace MusicSite.Tests.Lineage;

/// <summary>Every (original, derivative) pair of the seeded licenses, stem rights, and the least restrictive license.</summary>
public sealed class LicenseCompatibilityTests
{
    private static readonly IReadOnlyList<License> Licenses = SeedFiles
        .ReadLicenses(Path.Combine(AppContext.BaseDirectory, "seeds", "licenses.txt"))
        .Select((l, i) => new License
        {
            Id = i + 1, Code = l.Code, Name = l.Name, Url = l.Url, AllowsRemix = l.AllowsRemix, AllowsCommercial = l.AllowsCommercial,
            RequiresAttribution = l.RequiresAttribution, ShareAlike = l.ShareAlike,
        })
        .ToList();

    private static License L(string code) => Licenses.Single(l => l.Code == code);

    private const string Arr = "all-rights-reserved";

    /// <summary>The whole table: 7 originals by 7 derivatives.</summary>
    public static TheoryData<string, string, Compatibility, string> Pairs => new()
    {
        { Arr, Arr, Compatibility.NeedsApproval, "All Rights Reserved grants no use by itself: its owner must approve" },
        { Arr, "cc-by", Compatibility.Clash, "All Rights Reserved does not allow commercial use" },
        { Arr, "cc-by-sa", Compatibility.Clash, "does not allow commercial use" },
        { Arr, "cc-by-nc", Compatibility.NeedsApproval, "its owner must approve" },
        { Arr, "cc-by-nc-sa", Compatibility.NeedsApproval, "its owner must approve" },
        { Arr, "cc-by-nd", Compatibility.Clash, "does not allow commercial use" },
        { Arr, "cc0", Compatibility.Clash, "does not allow commercial use" },

        { "cc-by", Arr, Compatibility.Allowed, "CC BY requires attribution: MusicSite credits it automatically." },
        { "cc-by", "cc-by", Compatibility.Allowed, "requires attribution" },
        { "cc-by", "cc-by-sa", Compatibility.Allowed, "requires attribution" },
        { "cc-by", "cc-by-nc", Compatibility.Allowed, "requires attribution" },
        { "cc-by", "cc-by-nc-sa", Compatibility.Allowed, "requires attribution" },
        { "cc-by", "cc-by-nd", Compatibility.Allowed, "requires attribution" },
        { "cc-by", "cc0", Compatibility.Allowed, "requires attribution" },

        { "cc-by-sa", Arr, Compatibility.Clash, "CC BY-SA is share-alike: the derivative must use CC BY-SA too." },
        { "cc-by-sa", "cc-by", Compatibility.Clash, "share-alike" },
        { "cc-by-sa", "cc-by-sa", Compatibility.Allowed, "requires attribution" },
        { "cc-by-sa", "cc-by-nc", Compatibility.Clash, "share-alike" },
        { "cc-by-sa", "cc-by-nc-sa", Compatibility.Clash, "share-alike" },
        { "cc-by-sa", "cc-by-nd", Compatibility.Clash, "share-alike" },
        { "cc-by-sa", "cc0", Compatibility.Clash, "share-alike" },

        { "cc-by-nc", Arr, Compatibility.Allowed, "requires attribution" },
        { "cc-by-nc", "cc-by", Compatibility.Clash, "CC BY-NC does not allow commercial use: the derivative must use a license without commercial use." },
        { "cc-by-nc", "cc-by-sa", Compatibility.Clash, "does not allow commercial use" },
        { "cc-by-nc", "cc-by-nc", Compatibility.Allowed, "requires attribution" },
        { "cc-by-nc", "cc-by-nc-sa", Compatibility.Allowed, "requires attribution" },
        { "cc-by-nc", "cc-by-nd", Compatibility.Clash, "does not allow commercial use" },
        { "cc-by-nc", "cc0", Compatibility.Clash, "does not allow commercial use" },

        { "cc-by-nc-sa", Arr, Compatibility.Clash, "share-alike" },
        { "cc-by-nc-sa", "cc-by", Compatibility.Clash, "share-alike" },
        { "cc-by-nc-sa", "cc-by-sa", Compatibility.Clash, "share-alike" },
        { "cc-by-nc-sa", "cc-by-nc", Compatibility.Clash, "CC BY-NC-SA is share-alike: the derivative must use CC BY-NC-SA too." },
        { "cc-by-nc-sa", "cc-by-nc-sa", Compatibility.Allowed, "requires attribution" },
        { "cc-by-nc-sa", "cc-by-nd", Compatibility.Clash, "share-alike" },
        { "cc-by-nc-sa", "cc0", Compatibility.Clash, "share-alike" },

        { "cc-by-nd", Arr, Compatibility.Clash, "CC BY-ND allows no derivatives." },
        { "cc-by-nd", "cc-by", Compatibility.Clash, "allows no derivatives" },
        { "cc-by-nd", "cc-by-sa", Compatibility.Clash, "allows no derivatives" },
        { "cc-by-nd", "cc-by-nc", Compatibility.Clash, "allows no derivatives" },
        { "cc-by-nd", "cc-by-nc-sa", Compatibility.Clash, "allows no derivatives" },
        { "cc-by-nd", "cc-by-nd", Compatibility.Clash, "allows no derivatives" },
        { "cc-by-nd", "cc0", Compatibility.Clash, "allows no derivatives" },

        { "cc0", Arr, Compatibility.Allowed, "CC0 allows derivatives under any license." },
        { "cc0", "cc-by", Compatibility.Allowed, "any license" },
        { "cc0", "cc-by-sa", Compatibility.Allowed, "any license" },
        { "cc0", "cc-by-nc", Compatibility.Allowed, "any license" },
        { "cc0", "cc-by-nc-sa", Compatibility.Allowed, "any license" },
        { "cc0", "cc-by-nd", Compatibility.Allowed, "any license" },
        { "cc0", "cc0", Compatibility.Allowed, "any license" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Check_TrackOnTrack_GivesTheTablesOutcomeAndReason(string original, string derivative, Compatibility outcome, string reason)
    {
        var verdict = LicenseCompatibility.Check(L(original), L(derivative));

        Assert.Equal((outcome, true), (verdict.Outcome, verdict.Reason.Contains(reason, StringComparison.Ordinal)));
    }

    [Fact]
    public void Pairs_CoverEverySeededLicenseBothWays()
    {
        var covered = Pairs.Select(row => ((string)row[0], (string)row[1])).ToHashSet();

        Assert.Equal(Licenses.Count * Licenses.Count, covered.Count);
        Assert.All(Licenses.SelectMany(o => Licenses.Select(d => (o.Code, d.Code))), pair => Assert.Contains(pair, covered));
    }

    /// <summary>Stem license, remix allowed, commercial allowed, attribution required, derivative license.</summary>
    public static TheoryData<string, bool, bool, bool, string, Compatibility, string> StemRows => new()
    {
        { "cc-by", true, true, true, "cc-by", Compatibility.Allowed, "This stem (CC BY) requires attribution: MusicSite credits it automatically." },
        { "cc-by", false, true, true, "cc-by", Compatibility.NeedsApproval, "This stem's rights do not allow remixing: its owner must approve the use." },
        { "cc-by", true, false, true, "cc-by", Compatibility.Clash, "This stem's rights do not allow commercial use" },
        { "cc-by", true, false, true, "cc-by-nc", Compatibility.Allowed, "requires attribution" },
        { "cc-by", false, false, true, "cc-by", Compatibility.Clash, "This stem's rights do not allow commercial use" },
        { Arr, true, true, true, "cc-by", Compatibility.Allowed, "requires attribution" },
        { Arr, false, true, true, "cc-by", Compatibility.NeedsApproval, "This stem's rights do not allow remixing" },
        { Arr, true, false, true, "cc-by", Compatibility.Clash, "This stem's rights do not allow commercial use" },
        { Arr, true, false, true, Arr, Compatibility.Allowed, "requires attribution" },
        { "cc-by-nd", true, true, true, "cc-by", Compatibility.Clash, "This stem (CC BY-ND) allows no derivatives." },
        { "cc-by-sa", true, true, true, "cc-by", Compatibility.Clash, "This stem (CC BY-SA) is share-alike: the derivative must use CC BY-SA too." },
        { "cc-by-sa", true, true, true, "cc-by-sa", Compatibility.Allowed, "requires attribution" },
        { "cc-by-nc", true, true, true, "cc-by", Compatibility.Clash, "CC BY-NC does not allow commercial use" },
        { "cc-by-nc-sa", false, false, true, "cc-by-nc-sa", Compatibility.NeedsApproval, "its owner must approve the use" },
        { "cc0", true, true, true, "cc-by-nd", Compatibility.Allowed, "This stem (CC0) requires attribution" },
        { "cc0", true, true, false, "cc-by-nd", Compatibility.Allowed, "This stem (CC0) allows derivatives under any license." },
    };

    [Theory]
    [MemberData(nameof(StemRows))]
    public void Check_StemInTrack_ReadsLicenseAndRights(string stemLicense, bool remix, bool commercial, bool attribution, string derivative,
        Compatibility outcome, string reason)
    {
        var verdict = LicenseCompatibility.Check(LicenseSource.OfStem(L(stemLicense), new StemRights(remix, commercial, attribution)), L(derivative));

        Assert.Equal((outcome, true), (verdict.Outcome, verdict.Reason.Contains(reason, StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_ClashAndApprovalTogether_TheClashDecidesAndEveryRuleIsNoted()
    {
        var verdict = LicenseCompatibility.Check(L(Arr), L("cc-by"));

        Assert.Equal(Compatibility.Clash, verdict.Outcome);
        Assert.Equal(3, verdict.Notes.Count); // commercial use, approval, attribution
        Assert.DoesNotContain("approve", verdict.Reason, StringComparison.Ordinal);
    }

    /// <summary>Original licenses (track sources) and the expected least restrictive license, or "" for none.</summary>
    public static TheoryData<string[], string, Compatibility> Advice => new()
    {
        { [], "cc0", Compatibility.Allowed },
        { ["cc0"], "cc0", Compatibility.Allowed },
        { ["cc-by"], "cc0", Compatibility.Allowed },
        { ["cc-by-sa"], "cc-by-sa", Compatibility.Allowed },
        { ["cc-by-nc"], "cc-by-nc", Compatibility.Allowed },
        { ["cc-by-nc-sa"], "cc-by-nc-sa", Compatibility.Allowed },
        { ["cc-by-nd"], "", Compatibility.Clash },
        { [Arr], "cc-by-nc", Compatibility.NeedsApproval },
        { ["cc-by", "cc-by-nc"], "cc-by-nc", Compatibility.Allowed },
        { ["cc-by-sa", "cc-by"], "cc-by-sa", Compatibility.Allowed },
        { ["cc-by-sa", "cc-by-nc-sa"], "", Compatibility.Clash },
        { ["cc-by-sa", "cc-by-nc"], "", Compatibility.Clash },
        { ["cc-by-nc", Arr], "cc-by-nc", Compatibility.NeedsApproval },
        { ["cc-by-nc-sa", Arr], "cc-by-nc-sa", Compatibility.NeedsApproval },
    };

    [Theory]
    [MemberData(nameof(Advice))]
    public void LeastRestrictive_OfOriginals_IsTheMostOpenLicenseNoneClashesWith(string[] originals, string expected, Compatibility outcome)
    {
        var advice = LicenseCompatibility.LeastRestrictive(originals.Select(c => LicenseSource.Track(L(c))).ToList(), Licenses);

        Assert.Equal((expected, outcome), (advice.License?.Code ?? "", advice.Outcome));
        Assert.NotEmpty(advice.Reasons);
    }

    [Fact]
    public void LeastRestrictive_ExplainsWhy()
    {
        var nonCommercial = LicenseCompatibility.LeastRestrictive([LicenseSource.Track(L("cc-by-nc")), LicenseSource.Track(L("cc-by"))], Licenses);
        var blocked = LicenseCompatibility.LeastRestrictive([LicenseSource.Track(L("cc-by-nd"))], Licenses);
        var free = LicenseCompatibility.LeastRestrictive([LicenseSource.Track(L("cc-by"))], Licenses);

        Assert.Contains("CC BY-NC does not allow commercial use: the derivative must use a license without commercial use.", nonCommercial.Reasons);
        Assert.Contains("CC BY requires attribution: MusicSite credits it automatically.", nonCommercial.Reasons);
        Assert.Equal(["CC BY-ND allows no derivatives."], blocked.Reasons);
        Assert.Equal("No original restricts the derivative's license, so CC0 is possible.", free.Reasons[0]);
    }

    [Fact]
    public void LeastRestrictive_WithStems_ReadsTheirRights()
    {
        var needsApproval = LicenseCompatibility.LeastRestrictive(
            [LicenseSource.OfStem(L("cc-by"), new StemRights(RemixAllowed: false, CommercialAllowed: true, AttributionRequired: true))], Licenses);
        var nonCommercial = LicenseCompatibility.LeastRestrictive(
            [LicenseSource.Track(L("cc0")), LicenseSource.OfStem(L(Arr), new StemRights(true, CommercialAllowed: false, true))], Licenses);

        Assert.Equal(("cc0", Compatibility.NeedsApproval), (needsApproval.License!.Code, needsApproval.Outcome));
        Assert.Equal(("cc-by-nc", Compatibility.Allowed), (nonCommercial.License!.Code, nonCommercial.Outcome));
    }

    /// <summary>Brute force over every set of one or two originals: the advice clashes with none of them, and every
    /// more open license clashes with one (or there is no advice and every license clashes).</summary>
    [Fact]
    public void LeastRestrictive_AgreesWithCheckingEveryLicense()
    {
        var sets = Licenses.Select(l => new[] { l })
            .Concat(Licenses.SelectMany((a, i) => Licenses.Skip(i + 1).Select(b => new[] { a, b })));
        foreach (var set in sets)
        {
            var sources = set.Select(LicenseSource.Track).ToList();
            var advice = LicenseCompatibility.LeastRestrictive(sources, Licenses);
            bool Fits(License candidate) => sources.All(s => LicenseCompatibility.Check(s, candidate).Outcome != Compatibility.Clash);
            var fitting = Licenses.Where(Fits).ToList();
            var label = string.Join("+", set.Select(l => l.Code));
            if (advice.License is null)
            {
                Assert.True(fitting.Count == 0, label);
                continue;
            }
            Assert.True(Fits(advice.License), label);
            Assert.True(fitting.All(l => LicenseCompatibility.Openness(l) <= LicenseCompatibility.Openness(advice.License)), label);
        }
    }

    [Fact]
    public void Openness_RanksCc0FirstAndAllRightsReservedLast()
    {
        var ranked = Licenses.OrderByDescending(LicenseCompatibility.Openness).Select(l => l.Code);

        Assert.Equal(["cc0", "cc-by", "cc-by-sa", "cc-by-nc", "cc-by-nc-sa", "cc-by-nd", Arr], ranked);
    }
}
