using MusicSite.Catalog;

namespace MusicSite.Attribution;

/// <summary>What a license check answers: the link may be made, it waits for the original owner, or it is refused.
/// Ordered from the mildest to the strictest: the strictest rule that applies decides.</summary>
public enum Compatibility
{
    Allowed,
    NeedsApproval,
    Clash,
}

/// <summary>A work a derivative builds on: a track under its license, or a stem under its license and rights.</summary>
public sealed record LicenseSource(License License, StemRights? Stem = null)
{
    public static LicenseSource Track(License license) => new(license);
    public static LicenseSource OfStem(License license, StemRights rights) => new(license, rights);
}

/// <summary>The outcome of one check: the deciding outcome, its reason in words for the person registering, and
/// every rule that applied (attribution is only a note: MusicSite credits sources automatically).</summary>
public sealed record CompatibilityVerdict(Compatibility Outcome, string Reason, IReadOnlyList<string> Notes);

/// <summary>The least restrictive license a derivative may use, or none when its sources cannot be combined.
/// <see cref="Outcome"/> is <see cref="Compatibility.NeedsApproval"/> when an owner must agree first.</summary>
public sealed record LicenseAdvice(License? License, Compatibility Outcome, IReadOnlyList<string> Reasons);

/// <summary>
/// The one owner of license compatibility between a work and a derivative of it: a pure function of the licenses'
/// flags (and a stem's rights), decided by the table of <see cref="Rules"/>. No database, no clock.
/// </summary>
public static class LicenseCompatibility
{
    /// <summary>What a source demands of a derivative, read from its license (and a stem's rights), with the words
    /// that say who demands it.</summary>
    private sealed record Terms(string What, string LicenseName, string LicenseCode, bool NoDerivatives, bool NeedsPermission,
        bool NonCommercial, bool ShareAlike, bool Attribution, string PermissionBy, string CommercialBy);

    private sealed record Rule(Compatibility Outcome, Func<Terms, License, bool> Applies, Func<Terms, string> Reason);

    /// <summary>Every rule, in the order its reasons are given. The strictest outcome among those that apply wins.</summary>
    private static readonly Rule[] Rules =
    [
        new(Compatibility.Clash, (t, _) => t.NoDerivatives,
            t => $"{t.What} allows no derivatives."),
        new(Compatibility.Clash, (t, d) => t.ShareAlike && d.Code != t.LicenseCode,
            t => $"{t.What} is share-alike: the derivative must use {t.LicenseName} too."),
        new(Compatibility.Clash, (t, d) => t.NonCommercial && d.AllowsCommercial,
            t => $"{t.CommercialBy} not allow commercial use: the derivative must use a license without commercial use."),
        new(Compatibility.NeedsApproval, (t, _) => t.NeedsPermission,
            t => $"{t.PermissionBy}: its owner must approve the use."),
        new(Compatibility.Allowed, (t, _) => t.Attribution,
            t => $"{t.What} requires attribution: MusicSite credits it automatically."),
    ];

    /// <summary>May a work under <paramref name="derivative"/> build on <paramref name="source"/>?</summary>
    public static CompatibilityVerdict Check(LicenseSource source, License derivative)
    {
        var terms = TermsOf(source);
        var applied = Rules.Where(r => r.Applies(terms, derivative)).ToList();
        var outcome = applied.Count == 0 ? Compatibility.Allowed : applied.Max(r => r.Outcome);
        var notes = applied.Select(r => r.Reason(terms)).ToList();
        var reason = applied.Count == 0
            ? $"{terms.What} allows derivatives under any license."
            : string.Join(" ", applied.Where(r => r.Outcome == outcome).Select(r => r.Reason(terms)));
        return new CompatibilityVerdict(outcome, reason, notes);
    }

    /// <summary>A track built on a track.</summary>
    public static CompatibilityVerdict Check(License original, License derivative) => Check(LicenseSource.Track(original), derivative);

    /// <summary>
    /// The least restrictive of <paramref name="candidates"/> that every source allows, and why: the most open
    /// license first (<see cref="Openness"/>), the first one no source clashes with. Several share-alike sources
    /// under different licenses, or a source without derivatives, leave none.
    /// </summary>
    public static LicenseAdvice LeastRestrictive(IReadOnlyList<LicenseSource> sources, IReadOnlyList<License> candidates)
    {
        if (sources.Count == 0)
        {
            var open = candidates.OrderByDescending(Openness).ThenBy(l => l.Id).FirstOrDefault();
            return new LicenseAdvice(open, Compatibility.Allowed, ["No originals are chosen: any license may be used."]);
        }
        var skipped = new List<string>();
        foreach (var candidate in candidates.OrderByDescending(Openness).ThenBy(l => l.Id))
        {
            var verdicts = sources.Select(s => Check(s, candidate)).ToList();
            if (verdicts.All(v => v.Outcome != Compatibility.Clash))
            {
                var why = skipped.Count > 0 ? skipped : [$"No original restricts the derivative's license, so {candidate.Name} is possible."];
                why.AddRange(verdicts.SelectMany(v => v.Notes));
                return new LicenseAdvice(candidate, verdicts.Max(v => v.Outcome), why.Distinct().ToList());
            }
            skipped.AddRange(verdicts.Where(v => v.Outcome == Compatibility.Clash).Select(v => v.Reason));
        }
        return new LicenseAdvice(null, Compatibility.Clash, skipped.Count > 0
            ? skipped.Distinct().ToList()
            : ["No license is available for the derivative."]);
    }

    /// <summary>How much a license lets others do with a work: remixing counts most, then commercial use, then
    /// freedom from share-alike and from attribution. CC0 is the most open, All Rights Reserved the least.</summary>
    public static int Openness(License license) =>
        (license.AllowsRemix ? 8 : 0) + (license.AllowsCommercial ? 4 : 0) + (license.ShareAlike ? 0 : 2) + (license.RequiresAttribution ? 0 : 1)
        - (license.IsAllRightsReserved ? 4 : 0);

    /// <summary>
    /// The one reading of licenses and stem rights into terms. A public license that allows no remixing allows no
    /// derivatives; All Rights Reserved instead leaves it to the owner. A stem's rights are its owner's own grant:
    /// they can only narrow a public license, and they are the whole grant of an all-rights-reserved stem.
    /// </summary>
    private static Terms TermsOf(LicenseSource source)
    {
        var license = source.License;
        var reserved = license.IsAllRightsReserved;
        var noDerivatives = !license.AllowsRemix && !reserved;
        if (source.Stem is not { } rights)
        {
            return new Terms(license.Name, license.Name, license.Code, noDerivatives, reserved, !license.AllowsCommercial,
                license.ShareAlike, license.RequiresAttribution, $"{license.Name} grants no use by itself", $"{license.Name} does");
        }
        var what = $"This stem ({license.Name})";
        var licenseNonCommercial = !license.AllowsCommercial && !reserved;
        return new Terms(what, license.Name, license.Code, noDerivatives, !rights.RemixAllowed,
            licenseNonCommercial || !rights.CommercialAllowed, license.ShareAlike, rights.AttributionRequired || license.RequiresAttribution,
            "This stem's rights do not allow remixing",
            licenseNonCommercial ? $"{license.Name} does" : "This stem's rights do");
    }
}
