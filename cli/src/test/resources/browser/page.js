// Serves both test pages; each part runs only where its elements are.
const change = document.getElementById('change');
if (change) {
  change.addEventListener('click', () => {
    document.getElementById('message').textContent = 'Changed by the button';
  });
}
const clickable = document.getElementById('clickable');
if (clickable) {
  clickable.onclick = () => clickable.classList.toggle('picked');
}
