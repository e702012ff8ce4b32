// The provisioning story of issue 3, told with the official Okta Node.js SDK: create a user, add it
// to a group, suspend, unsuspend, deactivate, delete. Usage: node provisioning-story.js <orgUrl> <token> <runId>
// The token goes in Authorization: SSWS, as the SDK sends API tokens. Prints one JSON object: what
// each step saw, with the ids left out so that two runs can be compared.
'use strict';
const okta = require('@okta/okta-sdk-nodejs');

async function main() {
  const [orgUrl, token, runId] = process.argv.slice(2);
  const client = new okta.Client({ orgUrl, token });
  const login = `node-story-${runId}@example.com`;
  const story = [];
  const status = async (id) => (await client.userApi.getUser({ userId: id })).status;

  const user = await client.userApi.createUser({
    activate: true,
    body: {
      profile: { firstName: 'Nora', lastName: 'Node', email: login, login },
      credentials: { password: { value: 'Story-Pa55word!' } },
    },
  });
  story.push({ step: 'createUser', status: user.status, login: user.profile.login === login });

  const group = await client.groupApi.createGroup({ group: { profile: { name: `Node story ${runId}` } } });
  await client.groupApi.assignUserToGroup({ groupId: group.id, userId: user.id });
  const members = [];
  for await (const member of await client.groupApi.listGroupUsers({ groupId: group.id })) {
    members.push(member.id);
  }
  story.push({ step: 'assignUserToGroup', members: members.length, isMember: members.includes(user.id) });

  await client.userApi.suspendUser({ userId: user.id });
  story.push({ step: 'suspendUser', status: await status(user.id) });
  await client.userApi.unsuspendUser({ userId: user.id });
  story.push({ step: 'unsuspendUser', status: await status(user.id) });
  await client.userApi.deactivateUser({ userId: user.id });
  story.push({ step: 'deactivateUser', status: await status(user.id) });
  await client.userApi.deleteUser({ userId: user.id });
  try {
    await client.userApi.getUser({ userId: user.id });
    story.push({ step: 'deleteUser', deleted: false });
  } catch (error) {
    story.push({ step: 'deleteUser', deleted: error.status === 404, errorCode: error.errorCode });
  }
  await client.groupApi.deleteGroup({ groupId: group.id });
  process.stdout.write(JSON.stringify({ story }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error.status || ''} ${error.errorCode || ''} ${error.message}\n`);
  process.exit(1);
});
