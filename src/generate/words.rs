//! The vocabulary generated maps are written in. Card texts come out 25 to
//! 80 characters long, about 50 on average, like the bundled samples.

pub(super) const PHASES: [&str; 12] = [
    "Discover",
    "Research",
    "Compare",
    "Sign up",
    "Onboard",
    "First use",
    "Pay",
    "Get help",
    "Renew",
    "Upgrade",
    "Recommend",
    "Leave",
];

pub(super) const TEAMS: [&str; 8] = [
    "Marketing",
    "E-commerce",
    "Store operations",
    "Customer care",
    "Billing",
    "Logistics",
    "Product",
    "Field service",
];

pub(super) const METRICS: [&str; 5] = ["CSAT %", "NPS", "Completion %", "CES", "Retention %"];

pub(super) const VERBS: [&str; 16] = [
    "Compares",
    "Checks",
    "Searches for",
    "Fills in",
    "Waits for",
    "Calls about",
    "Reads",
    "Asks about",
    "Pays for",
    "Signs",
    "Returns",
    "Tracks",
    "Updates",
    "Reviews",
    "Cancels",
    "Shares",
];

pub(super) const OBJECTS: [&str; 20] = [
    "delivery slots",
    "price plan",
    "opening hours",
    "order status",
    "first invoice",
    "loyalty points",
    "contract terms",
    "stock levels",
    "refund form",
    "welcome email",
    "setup guide",
    "account settings",
    "support ticket",
    "store map",
    "payment options",
    "confirmation code",
    "product reviews",
    "return label",
    "appointment time",
    "data transfer",
];

pub(super) const PLACES: [&str; 12] = [
    "on the website",
    "in the app",
    "at the counter",
    "on the phone",
    "by email",
    "in the chat window",
    "in the store",
    "on social media",
    "in the letter",
    "on the receipt",
    "at home",
    "on the way to work",
];

pub(super) const TAILS: [&str; 10] = [
    "twice in one week",
    "before the offer runs out",
    "while the kids are at school",
    "with a colleague's help",
    "after a reminder from the bank",
    "late in the evening",
    "because nothing else worked",
    "without being asked",
    "as the manual suggests",
    "hoping for a discount",
];

pub(super) const THOUGHTS: [&str; 12] = [
    "Why is this so hard to find?",
    "I just want to know when it arrives.",
    "Finally, someone who listens.",
    "Is this really the cheapest option?",
    "I hope I don't have to call again.",
    "That was quicker than I expected.",
    "Nobody told me about this fee.",
    "I'll tell my friends about this.",
    "Do they even have it in stock?",
    "I'm not sure what happens next.",
    "This form asks for the same thing twice.",
    "Great, it remembered my details.",
];

pub(super) const PROBLEMS: [&str; 10] = [
    "are hidden three clicks deep",
    "differ between the app and the store",
    "take a week to update",
    "need a phone call to change",
    "arrive without any explanation",
    "are only in small print",
    "fail on older phones",
    "are lost when the session expires",
    "need the same details entered again",
    "are not in the customer's language",
];

pub(super) const IMPROVEMENTS: [&str; 8] = [
    "Show the",
    "Simplify the",
    "Send a reminder about the",
    "Pre-fill the",
    "Let staff update the",
    "Explain the",
    "Offer a callback for the",
    "Put a link to the",
];

pub(super) const GOALS: [&str; 6] = [
    "up front",
    "on every page",
    "in plain words",
    "in one step",
    "before the customer asks",
    "where they already look",
];

pub(super) const FEELINGS: [&str; 12] = [
    "curious",
    "hopeful",
    "confused",
    "annoyed",
    "relieved",
    "delighted",
    "anxious",
    "cheated",
    "reassured",
    "impatient",
    "proud",
    "indifferent",
];

pub(super) const FIRST_NAMES: [&str; 8] = [
    "Maria", "Marcus", "Priya", "Jonas", "Aiko", "Tomás", "Fatima", "Grace",
];

pub(super) const LAST_NAMES: [&str; 8] = [
    "Alvarez", "Hill", "Raman", "Berg", "Tanaka", "Silva", "Haddad", "Okafor",
];

pub(super) const ROLES: [&str; 6] = [
    "Busy working parent, long-time",
    "Student, first-time",
    "Small-business owner, returning",
    "Retired teacher, loyal",
    "Nurse on night shifts, occasional",
    "Freelance designer, price-conscious",
];
