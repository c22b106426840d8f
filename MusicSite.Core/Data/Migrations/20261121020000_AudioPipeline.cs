using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MusicSite.Data.Migrations;

/// <summary>What the audio pipeline records on a track: storage folder, loudness, waveform, attempts.</summary>
[DbContext(typeof(MusicSiteDbContext))]
[Migration("20261121020000_AudioPipeline")]
public sealed class AudioPipeline : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("MediaFolder", "Tracks", "TEXT", maxLength: 40, nullable: false, defaultValue: "");
        mb.AddColumn<string>("OriginalFileName", "Tracks", "TEXT", maxLength: 255, nullable: true);
        mb.AddColumn<string>("ArtworkPath", "Tracks", "TEXT", maxLength: 200, nullable: true);
        mb.AddColumn<double>("IntegratedLufs", "Tracks", "REAL", nullable: true);
        mb.AddColumn<double>("TruePeakDbtp", "Tracks", "REAL", nullable: true);
        mb.AddColumn<double>("LoudnessRangeLu", "Tracks", "REAL", nullable: true);
        mb.AddColumn<double>("ReplayGainDb", "Tracks", "REAL", nullable: true);
        mb.AddColumn<string>("WaveformPath", "Tracks", "TEXT", maxLength: 200, nullable: true);
        mb.AddColumn<int>("ProcessingAttempts", "Tracks", "INTEGER", nullable: false, defaultValue: 0);
        mb.AddColumn<DateTime>("ProcessedAt", "Tracks", "TEXT", nullable: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var column in new[] { "MediaFolder", "OriginalFileName", "ArtworkPath", "IntegratedLufs", "TruePeakDbtp",
                     "LoudnessRangeLu", "ReplayGainDb", "WaveformPath", "ProcessingAttempts", "ProcessedAt" })
        {
            // EF rebuilds SQLite tables to drop columns only with a model snapshot, which hand-written
            // migrations do not have; SQLite 3.35+ drops a column natively.
            mb.Sql($"ALTER TABLE \"Tracks\" DROP COLUMN \"{column}\";");
        }
    }
}
