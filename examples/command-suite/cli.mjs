// A tiny command-line program: counts the words of a generated text. Its start-up and its work
// are what a command suite times.
const words = Number(process.argv[2] ?? 100000);
let text = '';
for (let i = 0; i < words; i++) text += `word${i % 97} `;
const counts = new Map();
for (const word of text.split(' ')) if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
console.log(`${counts.size} distinct words`);
