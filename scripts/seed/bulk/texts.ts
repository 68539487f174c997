/**
 * Short texts that vary the demo conversations across a million tickets:
 * greetings and sign-offs around customer messages, reopen exchanges,
 * extra internal notes and rating comments. {first}/{last} are the
 * requester's names; {{customer}} is filled in as in the demo threads.
 */
export const customerGreetings = ["", "", "Hi,\n\n", "Hello,\n\n", "Hi team,\n\n", "Good morning,\n\n", "Hey there,\n\n", "Hello support,\n\n"];

export const customerSignOffs = ["", "", "\n\nThanks,\n{first}", "\n\nBest,\n{first}", "\n\nCheers,\n{first}", "\n\nRegards,\n{first} {last}", "\n\nThank you!\n{first}"];

export const reopenMessages = [
  "Sorry to reopen this, but the problem is back since this morning.",
  "This happened again today, exactly the same as before.",
  "Actually it isn't fixed for everyone: two colleagues still see it.",
  "Quick follow-up: the change didn't stick after the weekend. Can you take another look?",
  "I thought this was sorted, but we ran into it again during our weekly review.",
  "Reopening: the fix worked for a day and now the same error is back.",
];

export const thankYouMessages = [
  "Thanks, that did it!",
  "Perfect, thank you for the quick help.",
  "All good now, thanks a lot.",
  "Works again. Appreciate it!",
  "Thank you, that answers my question.",
];

export const agentReopenReplies = [
  "Hi {{customer}},\n\nThanks for letting us know, and sorry it came back. I found a second setting that was overriding the first fix and corrected it. Could you check again and tell me if it holds?",
  "Hi {{customer}},\n\nI've looked again: the earlier change was only applied to one workspace. It's now applied to all of them, so your colleagues should see it working too.",
  "Hi {{customer}},\n\nSorry about that. Engineering rolled out a permanent fix this morning, which replaces the workaround from last time. Everything should be back to normal now.",
  "Hi {{customer}},\n\nThank you for the details. This turned out to be a cache on our side that outlived the fix; I've cleared it for your account.",
];

export const extraInternalNotes = [
  "Checked the logs, nothing unusual on our side yet.",
  "Waiting on engineering, pinged them in the escalations channel.",
  "Customer is on an annual plan, renewal next month: handle with care.",
  "Same root cause as last week's cluster of tickets, linking for the post-mortem.",
  "Asked the account manager to follow up by phone.",
  "Reproduced on staging with the customer's settings.",
];

export const ratingComments = {
  good: [
    "Quick and friendly, thanks!",
    "Solved my problem in minutes.",
    "Great support, very clear explanation.",
    "Thanks for following up so fast.",
    "Really helpful, and no back-and-forth needed.",
  ],
  bad: [
    "Took far too long to get an answer.",
    "Had to explain the problem three times.",
    "The workaround doesn't really solve it.",
    "Nobody answered over the weekend.",
  ],
};

/** Name pools for the generated customers and agents. */
export const firstNames = [
  "Ada", "Ben", "Carla", "Dmitri", "Elif", "Farid", "Greta", "Hugo", "Imani", "Jonas", "Keiko", "Luca", "Maya", "Nikhil", "Oona", "Pablo", "Quinn", "Rosa",
  "Stefan", "Tara", "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zara", "Anton", "Bea", "Cyrus", "Daria", "Emil", "Freya", "Gabriel", "Hana", "Ivan", "Jade",
  "Kofi", "Lena", "Mateo", "Nora", "Oskar", "Priya", "Rami", "Sana", "Theo", "Uma", "Viktor", "Wren", "Yara", "Zeno",
];
export const lastNames = [
  "Abbott", "Bauer", "Chen", "Diaz", "Eriksen", "Fontaine", "Garcia", "Hughes", "Ibrahim", "Jansen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor",
  "Patel", "Quinlan", "Reyes", "Silva", "Thompson", "Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zimmermann", "Andersen", "Bianchi", "Costa", "Dubois",
  "Evans", "Fischer", "Gomez", "Horvat", "Ito", "Jovanovic", "Kim", "Lopez", "Murphy", "Novak",
];
export const organizationWords = {
  first: ["Acme", "Blue", "Cobalt", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Kestrel", "Lumen", "Maple", "Nimbus", "Orchid", "Pioneer", "Quartz", "Redwood", "Summit", "Tidal", "Union", "Vertex", "Willow", "Zenith"],
  second: ["Analytics", "Bakery", "Clinics", "Design", "Engineering", "Foods", "Games", "Health", "Insurance", "Labs", "Logistics", "Media", "Motors", "Partners", "Retail", "Robotics", "Software", "Studios", "Travel", "Ventures"],
};
