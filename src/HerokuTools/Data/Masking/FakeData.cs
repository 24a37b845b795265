namespace HerokuTools.Data.Masking;

/// <summary>The small built-in lists fakes are drawn from (realistic enough for a UI, obviously not anyone's data).</summary>
internal static class FakeData
{
    public static readonly string[] FirstNames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya",
        "Willow", "Emily", "Ella", "Poppy", "Evie", "Charlotte", "Sienna", "Daisy", "Noah", "Oliver", "George",
        "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry", "Theodore", "Freddie", "Jack", "Charlie",
        "Theo", "Alfie", "Jacob", "Thomas", "Finley", "Arlo", "James", "Lucas", "Priya", "Aisha", "Mateo", "Yusuf",
        "Chloe", "Zara", "Nina", "Omar", "Hugo", "Elena", "Sofia", "Kai", "Ruby", "Maya", "Ethan", "Samuel",
        "Hannah", "Daniel", "Layla", "Adam", "Ines", "Felix",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke", "Jackson",
        "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes", "Moore", "Clark",
        "King", "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan", "Scott", "Watson", "Davis",
        "Parker", "James", "Bennett", "Young", "Phillips", "Richardson", "Mitchell", "Bailey", "Carter", "Cook",
        "Singh", "Shaw", "Bell", "Collins", "Morgan", "Kelly", "Begum", "Miller", "Cox", "Hussain", "Marshall",
    ];

    public static readonly string[] Streets =
    [
        "High", "Station", "Main", "Park", "Church", "London", "Victoria", "Green", "Manor", "Kings", "Queens",
        "Mill", "Grange", "Alexander", "Springfield", "Windsor", "Orchard", "Meadow", "Chestnut", "Oak",
    ];

    public static readonly string[] StreetSuffixes = ["Street", "Road", "Lane", "Avenue", "Close", "Way", "Drive", "Gardens"];

    public static readonly string[] Cities =
    [
        "London", "Leeds", "Bristol", "Manchester", "Glasgow", "Cardiff", "Norwich", "York", "Bath", "Oxford",
        "Brighton", "Exeter", "Dundee", "Belfast", "Sheffield", "Leicester",
    ];

    public static readonly string[] EmailDomains = ["example.com", "example.org", "example.net"];

    public static readonly string[] Lorem =
    [
        "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod",
        "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim", "ad", "minim", "veniam",
        "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea", "commodo",
    ];

    /// <summary>The phone numbers fakes use: the UK range set aside for drama (+44 7700 900000-900999 and more).</summary>
    public const string PhonePrefix = "+44 7700 ";
}
