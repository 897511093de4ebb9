// The official OpenAI Node SDK against citebot's /v1: one answer, one streamed answer, one error.
// Usage: node client.mjs BASE_URL   (prints one JSON object)
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.argv[2], apiKey: 'unused', maxRetries: 0 });
const question = { role: 'user', content: 'What did Dmitry Peskov say about negotiations?' };

const completion = await client.chat.completions.create({ model: 'citebot', messages: [question] });

const stream = await client.chat.completions.create({ model: 'citebot', messages: [question], stream: true });
let streamed = '';
let streamCitations = null;
let finish = null;
for await (const chunk of stream) {
  streamed += chunk.choices[0]?.delta?.content ?? '';
  if (chunk.citations) streamCitations = chunk.citations;
  if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
}

// the SDK's stream helper, put together by the SDK (as Python's get_final_completion)
const helper = client.chat.completions.stream({ model: 'citebot', messages: [question] });
const final = await helper.finalChatCompletion();

let error = null;
try {
  await client.chat.completions.create({ model: 'gpt-4o', messages: [question] });
} catch (e) {
  error = { status: e.status, code: e.code, name: e.constructor.name };
}

console.log(JSON.stringify({
  content: completion.choices[0].message.content,
  annotations: completion.choices[0].message.annotations,
  citations: completion.citations,
  streamed, streamCitations, finish, error,
  finalContent: final.choices[0].message.content,
  finalAnnotations: final.choices[0].message.annotations ?? null,
  finalCitations: final.citations ?? null
}));
