// The host page listens for the widget's results (it could, say, show a contact link when action
// is needed). `event.detail = { summary, report }`.
const line = document.getElementById('result-line');
window.acsCheckResults = [];
document.addEventListener('acs-check:result', (event) => {
  window.acsCheckResults.push({ from: event.target.id, detail: event.detail });
  const { verdict, hosts } = event.detail.summary;
  line.textContent = `チェック結果（${event.target.id}）: ${verdict}（${hosts.length} 台）`;
});
