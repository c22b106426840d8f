using MusicSite.Attribution;

namespace MusicSite.Tests.Stems;

/// <summary>The wording of CREDITS.txt and of the credits in download tags (pure).</summary>
public sealed class StemCreditsTests
{
    private static readonly CreditLicense By = new("CC BY", "https://creativecommons.org/licenses/by/4.0/");
    private static readonly CreditLicense Arr = new("All Rights Reserved", null);

    [Fact]
    public void Text_NamesTrackStemsSourcesAndLicenses()
    {
        var text = StemCredits.Text(new CreditTrack("Night Bus", "Ada", "https://site/tracks/3", By),
            [new CreditStem("Kick", "Kick", "Ada", By, true, false, true, "01 - Kick.flac"), new CreditStem("Pad", "Pad", "Ada", Arr, false, true, false)],
            [
                new CreditSource(2, "First Light", "Bo", "https://site/tracks/1", Arr),
                new CreditSource(1, "Dawn Edit", "Cy", "https://site/tracks/2", By),
                new CreditSource(1, "Bassline", "Dee", "https://site/stems/9", By, IsStem: true, Instrument: "Synth Bass"),
                new CreditSource(3, null, null, null, null, Masked: "a private work"),
            ]);

        Assert.Contains("CREDITS for \"Night Bus\" by Ada", text);
        Assert.Contains("Track page: https://site/tracks/3", text);
        Assert.Contains("- Kick (Kick), file 01 - Kick.flac\n  Author: Ada\n  License: CC BY (https://creativecommons.org/licenses/by/4.0/)\n"
                        + "  Rights: remixing allowed; no commercial use; credit required", text.ReplaceLineEndings("\n"));
        Assert.Contains("Rights: remixing only with the owner's approval; commercial use allowed; credit not required", text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var sources = lines.SkipWhile(l => l != "SOURCES").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal([
            "- Generation 1: \"Dawn Edit\" by Cy, https://site/tracks/2, license CC BY (https://creativecommons.org/licenses/by/4.0/)",
            "- Generation 1: the stem \"Bassline\" (Synth Bass) by Dee, https://site/stems/9, license CC BY (https://creativecommons.org/licenses/by/4.0/)",
            "- Generation 2: \"First Light\" by Bo, https://site/tracks/1, license All Rights Reserved",
            "- Generation 3: a private work",
        ], sources);
        var licenses = lines.SkipWhile(l => l != "LICENSES").Skip(1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Equal(["- All Rights Reserved: no public license text (all rights reserved)", "- CC BY: https://creativecommons.org/licenses/by/4.0/"], licenses);
    }

    [Fact]
    public void Text_WithoutSources_SaysSo()
    {
        var text = StemCredits.Text(new CreditTrack("Solo", "Ada", "https://site/tracks/1", By), [new CreditStem("Kick", "Kick", "Ada", By, true, true, true)], []);

        Assert.Contains("SOURCES\nThis track is not declared as built on other works.", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TagCredits_NearestFirst_MaskedWithoutNames()
    {
        Assert.Null(StemCredits.TagCredits([]));
        Assert.Equal("Based on \"Dawn Edit\" by Cy; a removed work (generation 2).",
            StemCredits.TagCredits([new CreditSource(2, null, null, null, null, Masked: "a removed work"), new CreditSource(1, "Dawn Edit", "Cy", null, By)]));
    }
}
