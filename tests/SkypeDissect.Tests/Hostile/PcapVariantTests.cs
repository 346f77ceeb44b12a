using System.Buffers.Binary;
using SkypeDissect.Tests.Cases;
using SkypeDissect.Tests.Support;

namespace SkypeDissect.Tests.Hostile;

/// <summary>
/// The record header formats that share pcap's magic numbers (docs/tagging.md 1): wiretap guesses which one a
/// file uses from its first three records, and the analyzer must guess the same, or the two read other bytes
/// as frame 1. login-normal written in each format is tagged alike by both; so is plugin fuzz mutant 1201 of
/// seed 1, a standard pcap whose third record header is garbage, which wiretap reads as Nokia.
/// </summary>
public sealed class PcapVariantTests : IDisposable
{
    /// <summary>Plugin fuzz mutant 1201 of seed 1: as standard pcap its third record header is garbage.</summary>
    private static readonly byte[] Mutant1201 = Convert.FromBase64String(
        "1MOyoQIABAAAAAAAAAAAAAAABAABAAAAIAyvURAnAABJAAAASQAAAMDBwI5KIfDe8Vw+EggARQAAOxIAAACAEd4nwKgBF50365OW" +
        "ooEJACc6txCJ4xnZJsLWoURIHwjw6hGQh2f3MH/tvUHhS9BsPeYgDK9Rtk4AAEkAAABJAAAAwMHAjkoh8N7xXD4SCABEAAA7EgEA" +
        "AIARqobAqAEXb91NjpaigQkAJz5x+zONo+r27f5QmARR2Ic4IWC4AlXBnEP+fMlQogfkJSAMr1HtQPHjqkgr4A6ZxHhUSP9QanKs" +
        "vzsNbmIgDK9RAp4AAEkAAABJAAAAwMHAjkoh8N7xXD4SCABFAAAMEgMAAIARR1TAqAEXnTeCk5aigQkAJ3N/yNCdQkxkUK0Pqxo/" +
        "ITchAmeEoz6g6qs5BqRtY6iysCAMr1GoxQAASQAAAEkAAADAwcCOSiHw3vFcPhIIAEUAAAASBAAAgBGptcCoARdv3U2XlqKBCQAn" +
        "YXVssXaIPMqN5fjapiAvBPv2ZmBNuZJQj9ub+Fg52vHqIAyvUU7tAABJAAAASQAAAMDBwI5KIfDe8Vw+EggARQAF3BIFAACAPdh5" +
        "wKgBF50365uWooEJACf8aJZD222lXtOzfVRukaSS2M6ote5u4pU9N8rKbIRXrAcgDK9R9BQBAEkAAABJAAAAwMHAjkoh8N7xXD4S" +
        "CABFAAAYEgYAAIAR3bXAqAEX1cezkpaigQkAJ/XgSJL9ADhtrLEo8G3Rp9meNBziw9olHQeAMiqNAPbx3CAMr1GaPAEASQAAAEkA" +
        "AADAwcCOSiHw3vFcPhIIAEUAABYSBwAAgBEPb8CoARdABBeelqKBCQAn6qgeoIRAWXHY4x0HKg3dnWInUpjVbGrmpY/0UkJ24JU4" +
        "IAyvUUBkAQBJAAAASQAAAMDBwI5KIfDe8Vw+EggARQAAOxIIAACAEZWfwKgBF504NBOWooEJAAQjMW6gkDg064m/qCmoAv9n8A5Y" +
        "nWlcaH5QQ0VMvs2muw8gDK9R5osBAEkAAABJAAAAwMHAjkoh8N7xXD4SCABFAAA7EgkAAIARRpfAqAEXQTffG5aigQkH0FhpjRM8" +
        "Qzo51ac6MaYbQTI0y4KSJp7qJ3xHq8FKaBgsYCEMr1EQJwAAyAAAAMgAAADAwcCOSiHw3vFcPhIIAEUAALoSCkAAgAa2c8CoARfM" +
        "CaP3wAAAUAAAEAAAACAAUBj68MOTAABHRVQgL3VpLzAvNi4zLjAuMTk3L2VuL2dldGxhdGVzdHZlcnNpb24/dmVyPTYuMy4wLjE5" +
        "NyBIVFRQLzEuMQ0KSG9zdDogdWkuc2t5cGUuY29tDQpVc2VyLUFnZW50OiBTa3lwZSA2LjMNCkFjY2VwdDogKi8qDQpDb25uZWN0" +
        "aW9uOiBLZWVwLUFsaXZlDQoNCiEMr1G2TgAAyAAAAMgAAADAwcCOSiHw3vFcPhIIAEUAALoSC0AAgAa2csCoARfMCaP3wAEAUAAA" +
        "EAAAACAAMBj68MOSAABHRVQgL3VpLzAvNi4zLjAuMTk3L2VuL2dldGxhdGVzdHZlcnNpb24/dmVyPTYuMy4wLjE5NyBIVFRQLzEu" +
        "MQ0KSG9zdDogdWkuc2t5cGUuY29tDQpVc2VyLUFnZW50OiBTa3lwZSA2LjMNCkFjY2VwdDogKi8qDQpDb25uZWN0aW9uOiBLZWVw" +
        "LUFsaXZlDQoNCiEMr1FcdgAAyAAAAMgAAADAwcCOSiHw3vFcPhIIAEUAALoSDEAAgAa2ccCoARfMCaP3wAIAUAAAEAAAACAA8Bj6" +
        "8MORAABHRVQgL3VpLzAvNi4zLjAuMTk3L2VuL2dldGxhdGVzdHZlcnNpb24/dmVyPTYuMy4wLjE5NyBIVFRQLzEuMQ0KSG9zdDog" +
        "dWkuc2t5cGUuY29tDQpVc2VyLUFnZW50OiBTa3lwZSA2LjMNCkFjY2VwdDogKi8qDQpDb25uZWN0aW9uOiBLZWVwLUFsaXZlDQoN" +
        "CiEMr1ECngAAyAAAAMgAAADAwcCOSiHw3vFcPhIIAEUAACwSDUAAgAa2/sCoARfMCaP3wAMAUAAAEAAAACAAsBj68MOQAABHRVQg" +
        "L3VpLzAvNi4zLjAuMTk3L2VuL2dldGxhdGVzdHZlcnNpb24/dmVyPTYuMy4wLjE5NyBIVFRQLzEuMQ0KSG9zdDogdWkuc2t5cGUu" +
        "Y29tDQpVc2VyLUFnZW50OiBTa3lwZSA2LjMNCkFjY2VwdDogKi8qDQpDb25uZWN0aW9uOiBLZWVwLUFsaXZlDQoNCiIMr1EQJwAA" +
        "cAAAAHAAAADAwcCOSiHw3vFcPhKG3WAAAAAAOgBAIAENuAABAAAAAAAAAAAAIyABDbgAAQAAAAAAAAAAAAE8AAEEAAAAABEAAQQA" +
        "AAAA6sQANQAqCedqAAEAAAEAAAAAAAAEZHNuNAFkBXNreXBlA25ldAAAAQABIgyvUbZOAACgAQAAoAEAAMDBwI5KIfDe8Vw+Eobd" +
        "YAAAAAFqPEAgAQ24AAEAAAAAAAAAAAAjIAENuAABAAAAAAAAAAAAATwAAQQAAAAAPAABBAAAAAA8AAEEAAAAADwAAQQAAAAAPAAB" +
        "BAAAAAA8AAEEAAAAADwAAQQAAAAAPAABBAAAAAA8AAEEAAAAADwAAQQAAAAAPAABBAAAAAA8AAEEAAAAADwAAQQAAAAAPAABBAAA" +
        "AAA8AAEEAAAAADwAAQQAAAAAPAABBAAAAAA8AAEEAAAAADwAAQQAAAAAPAABBAAAAAA8AAEEAAAAADwAAQQAAAAAPAABBAAAAAA8" +
        "AAEEAAAAADwAAQQAAAAAPAABBAAAAAA8AAEEAAAAADwAAQQAAAAAPAABBAAAAAA8AAEEAAAAADwAAQQAAAAAPAABBAAAAAA8AAEE" +
        "AAAAADwAAQQAAAAAPAABBAAAAAA8AAEEAAAAADwAAQQAAAAAPAABBAAAAAA8AAEEAAAAABEAAQQAAAAA6sUANQAqCeZqAAEAAAEA" +
        "AAAAAAAEZHNuNAFkBXNreXBlA25ldAAAAQABIgyvUVx2AABwAAAAcAAAAMDBwI5KIfDe8Vw+EobdYAAAAAA6AEAgAQ24AAEAAAAA" +
        "AAAAAAAjIAENuAABAAAAAAAAAAAAATwAAQQAAAAAEcgBBAAAAADqxgA1ACoJ5WoAAQAAAQAAAAAAAARkc240AWQFc2t5cGUDbmV0" +
        "AAABAAEiDK9RAp4AAHAAAABwAAAAwMHAjkoh8N7xXD4Sht1gAAAAABAAQCABDbgAAQAAAAAAAAAAACMgAQ24AAEAAAAAAAAAAAAB" +
        "PAABBAAAAAARAAEEAAAAAOrHADUAKgnkagABAAABAAAAAAAABGRzbjQBZAVza3lwZQNuZXQAAAEAASIMr1GoxQAAaAAAAGgAAADA" +
        "wcCOSiHw3vFcPhKG3WAAAAAAAABAIAENuAABAAAAAAAAAAAAIyABDbgAAQAAAAAAAAAAAAERAAEEAAAAAOrIADUAKgnjagABAAAB" +
        "AAAAAAAABGRzbjQBZAVza3lwZQNuZXQAAAEAAQ==" +
        "");

    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("skypedissect-variant-");

    public void Dispose() => dir.Delete(recursive: true);

    /// <summary>login-normal with <paramref name="extra"/> bytes after each standard record header, under <paramref name="magic"/>.</summary>
    public static byte[] Written(uint magic, int extra, byte fill)
    {
        var header = BaseCapture.Bytes[..24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, magic);
        return [.. header, .. BaseCapture.Records.SelectMany(r =>
        {
            var record = BaseCapture.PcapRecord(r);
            return (byte[])[.. record[..16], .. Enumerable.Repeat(fill, extra), .. record[16..]];
        })];
    }

    [SkippableTheory]
    [InlineData("standard", 0xa1b2c3d4u, 0)]
    [InlineData("ss990417", 0xa1b2c3d4u, 8)]
    [InlineData("nokia", 0xa1b2c3d4u, 4)]
    [InlineData("ss991029", 0xa1b2cd34u, 8)]
    [InlineData("ss990915", 0xa1b2cd34u, 12)]
    public void LoginNormal_InEachFormat_TaggedAsLoginNormalByBoth(string name, uint magic, int extra)
    {
        Tshark.Require();
        var result = ParityCheck.Run(Written(magic, extra, 0), name);

        result.ShouldAgree($"login-normal written as {name}");
        TagRows.Difference(BaseCapture.Expected, result.Analyzer).Should().BeEmpty($"{name}: the same frames as login-normal");
    }

    [SkippableFact]
    public void Mutant1201_ThirdRecordHeaderGarbage_ReadAsNokiaByBoth()
    {
        Tshark.Require();
        var path = Path.Combine(dir.FullName, "mutant1201.pcap");
        File.WriteAllBytes(path, Mutant1201);

        var (analyzer, error) = BrokenFileTests.Read(new MemoryStream(Mutant1201, writable: false));
        var plugin = Tshark.Run(path, RepoPaths.Plugin, PluginRun.TagFields, "skypelogin").Rows.Select(r => TagRow.Parse(r, "tshark on mutant 1201")).ToList();

        error.Should().NotBeNull("the records read as Nokia run into garbage");
        TagRows.Difference(plugin, analyzer).Should().BeEmpty("expected = tshark with the plugin, got = the analyzer");
    }
}
