namespace SkypeDissect.Analyzer.Capture;

/// <summary>
/// The LINKTYPE_ values Wireshark 4.0's wiretap reads (its pcap_to_wtap_map on Linux, wiretap/pcap-common.c):
/// a classic pcap file of any other link type is refused when opened ("network type N unknown or
/// unsupported"); in pcapng such an interface's frames are read as frames of an unknown encapsulation.
/// </summary>
public static class WiretapLinkTypes
{
    private static readonly int[] Known =
    [
        0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 19, 32, 50, 51, 99, 100, 101, 104, 105, 106, 107,
        108, 109, 112, 113, 114, 117, 118, 119, 121, 122, 123, 127, 128, 129, 130, 131, 133, 135, 136, 137, 138,
        139, 140, 141, 142, 143, 144, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161,
        162, 163, 165, 167, 169, 170, 171, 172, 173, 177, 178, 179, 180, 181, 183, 184, 186, 187, 188, 189, 190,
        192, 195, 196, 197, 199, 200, 201, 202, 203, 204, 209, 210, 211, 212, 213, 214, 215, 220, 224, 225, 226,
        227, 228, 229, 230, 231, 235, 236, 237, 239, 240, 241, 242, 243, 245, 248, 249, 250, 251, 252, 253, 254,
        255, 256, 258, 259, 260, 264, 266, 268, 270, 271, 272, 273, 274, 275, 276, 279, 280, 283, 287, 288, 290,
        292, 293, 294, 295,
    ];

    public static bool IsKnown(int linkType) => Array.BinarySearch(Known, linkType) >= 0;

    /// <summary>
    /// LINKTYPE_USER0-15 (147-162): read by wiretap, but Wireshark dissects them only after the user maps them to
    /// a protocol (the DLT_USER table is empty by default: "user_dlt:data"), so nothing in them can be tagged.
    /// </summary>
    public static bool IsUserDefined(int linkType) => linkType is >= 147 and <= 162;
}
